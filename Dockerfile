# syntax=docker/dockerfile:1
# Build: docker build -t windows-node-operator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
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
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app ./
USER 65532:65532
ENTRYPOINT ["dotnet", "WindowsNodeOperator.dll"]
CMD ["run"]
