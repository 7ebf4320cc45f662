from __future__ import annotations

from dockerlint.rules.api import RuleMeta

META = RuleMeta(
    code="DKL109",
    name="base-image-platform-mismatch",
    severity="warning",
    aliases=("InvalidBaseImagePlatform",),
    summary="The base image is not available for the platform being built",
    rationale=(
        "BuildKit warns when the image it resolved for a stage has another OS or architecture "
        "than the platform being built (an amd64-only image in an arm64 build), which then runs "
        "under emulation or fails.\n\n"
        "**Not implemented:** the answer is in the image's manifest list in the registry and in "
        "the platform of the build, neither of which a linter has offline. `docker build --check` "
        "reports it."
    ),
    implemented=False,
)
