#!/usr/bin/env bash
# Builds every LineProf package into artifacts/packages/ (one version for all: version.txt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf artifacts/packages
dotnet build LineProf.sln -c Release -nologo -v:q -p:ContinuousIntegrationBuild=true
for project in LineProf.MSBuild/LineProf.MSBuild.csproj LineProf.SystemWeb/LineProf.SystemWeb.csproj \
               LineProf.Runtime/LineProf.Runtime.csproj LineProf.Fody/LineProf.Fody.csproj LineProf.Tool/LineProf.Tool.csproj; do
  dotnet pack "$project" -c Release --no-build -nologo -v:q
done
echo "packages in $root/artifacts/packages:"
ls -1 artifacts/packages
