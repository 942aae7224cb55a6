# syntax=docker/dockerfile:1
# Build: docker build -t windows-node-operator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Operator.sln ./
# Only the operator and its runtime: the sandbox (a simulator for tests and demos) is never built into the image.
COPY src/WindowsNodeOperator/ src/WindowsNodeOperator/
COPY src/WindowsNodeOperator.Runtime/ src/WindowsNodeOperator.Runtime/
# config/operator.json is published beside the binary (/app/config); the Deployment mounts its ConfigMap over it.
COPY config/ config/
RUN dotnet publish src/WindowsNodeOperator/WindowsNodeOperator.csproj \
      --configuration Release --output /app /p:UseAppHost=false

# Chiseled (no shell, no package manager, non-root); "extra" carries tzdata for maintenance windows in any time zone.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app ./
USER 65532:65532
ENTRYPOINT ["dotnet", "WindowsNodeOperator.dll"]
CMD ["run"]
