# syntax=docker/dockerfile:1
# Build: docker build -t windows-node-operator .
# Base images are pinned by digest (the multi-platform index a tag pointed to; the tag stays beside it), so two builds
# of one commit use the same bytes and a re-pointed tag changes nothing unseen. To move on, read the tag's current
# digest (docker buildx imagetools inspect <image>:<tag>) and replace it; docs/operations.md says how and why.
# Tag: mcr.microsoft.com/dotnet/sdk:10.0
FROM mcr.microsoft.com/dotnet/sdk:10.0@sha256:e1ffd2a92ae84c1291bc1b6887501f8af98e6331e7af6d4c8d37168c5e87a64c AS build
WORKDIR /src
# Packages restore in locked mode (Directory.Build.props): exactly the versions and hashes of each project's
# packages.lock.json, copied with its project. .config holds the pinned SBOM tool.
COPY Directory.Build.props Directory.Packages.props Operator.sln ./
COPY .config/ .config/
COPY scripts/sbom.sh scripts/
# Only the operator and its runtime: the sandbox (a simulator for tests and demos) is never built into the image.
COPY src/WindowsNodeOperator/ src/WindowsNodeOperator/
COPY src/WindowsNodeOperator.Runtime/ src/WindowsNodeOperator.Runtime/
# config/operator.json is published beside the binary (/app/config); the Deployment mounts its ConfigMap over it.
COPY config/ config/
RUN dotnet publish src/WindowsNodeOperator/WindowsNodeOperator.csproj \
      --configuration Release --output /app /p:UseAppHost=false
# The software bill of materials (CycloneDX) of what was just published, shipped in the image at /app/sbom/bom.json.
RUN scripts/sbom.sh /app/sbom

# Chiseled (no shell, no package manager, non-root); "extra" carries tzdata for maintenance windows in any time zone.
# Tag: mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra@sha256:f5b3b2e2e548828d50e349726f51a5de001286f02c4bbde77db0dd34eb9f55ff
WORKDIR /app
COPY --from=build /app ./
USER 65532:65532
ENTRYPOINT ["dotnet", "WindowsNodeOperator.dll"]
CMD ["run"]
