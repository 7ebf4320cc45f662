"""Environment variables that base images commonly set.

BuildKit knows a base image's ENV from its config; a linter offline does not. These
names are the ones the popular official images (and the builder itself, for PATH)
define, so using them in a stage built on an image is not reported as undefined.
"""
from __future__ import annotations

BASE_IMAGE_ENV = frozenset((
    # the runtime and most distributions
    "PATH", "HOME", "HOSTNAME", "LANG", "LANGUAGE", "LC_ALL", "TERM", "SHELL", "USER", "PWD", "TZ",
    "DEBIAN_FRONTEND", "container",
    # python
    "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION",
    "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "GPG_KEY",
    # node
    "NODE_VERSION", "YARN_VERSION",
    # go
    "GOLANG_VERSION", "GOPATH", "GOROOT", "GOTOOLCHAIN",
    # ruby
    "RUBY_VERSION", "RUBY_MAJOR", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL", "GEM_HOME",
    "BUNDLE_PATH", "BUNDLE_APP_CONFIG", "BUNDLE_SILENCE_ROOT_WARNING",
    # php
    "PHP_VERSION", "PHP_INI_DIR", "PHP_CFLAGS", "PHP_CPPFLAGS", "PHP_LDFLAGS", "PHP_URL", "PHP_ASC_URL",
    "PHP_SHA256", "PHPIZE_DEPS", "GPG_KEYS", "APACHE_CONFDIR", "APACHE_ENVVARS",
    # java
    "JAVA_HOME", "JAVA_VERSION", "JAVA_OPTS", "JDK_JAVA_OPTIONS", "MAVEN_HOME", "MAVEN_CONFIG",
    "GRADLE_HOME", "GRADLE_VERSION", "CATALINA_HOME", "TOMCAT_VERSION", "TOMCAT_MAJOR",
    # rust
    "RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION",
    # .NET
    "APP_UID", "DOTNET_VERSION", "ASPNET_VERSION", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS",
    "DOTNET_RUNNING_IN_CONTAINER", "DOTNET_SDK_VERSION", "NUGET_XMLDOC_MODE",
    # servers and databases
    "NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "HTTPD_VERSION", "HTTPD_PREFIX",
    "PG_MAJOR", "PG_VERSION", "PGDATA", "MYSQL_MAJOR", "MYSQL_VERSION", "MARIADB_VERSION",
    "MONGO_VERSION", "REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA",
    # Alpine/Debian locales and misc
    "LD_LIBRARY_PATH", "SSL_CERT_FILE", "SSL_CERT_DIR",
))
