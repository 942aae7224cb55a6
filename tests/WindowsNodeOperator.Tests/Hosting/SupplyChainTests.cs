using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>Dependencies from a trusted source whose integrity is checked: lock files, locked restores, and the SBOM the image carries.</summary>
public sealed class SupplyChainTests
{
    private static readonly string[] Projects = Directory.GetFiles(RepositoryRoot.Combine("src"), "*.csproj", SearchOption.AllDirectories)
        .Concat(Directory.GetFiles(RepositoryRoot.Combine("tests"), "*.csproj", SearchOption.AllDirectories))
        .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void Every_project_restores_in_locked_mode_from_a_committed_lock_file_with_the_central_versions()
    {
        var props = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props"));
        Assert.Equal("true", props.Descendants("RestorePackagesWithLockFile").Single().Value);
        Assert.Equal("true", props.Descendants("RestoreLockedMode").Single().Value);
        var versions = XDocument.Load(RepositoryRoot.Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.Ordinal);

        Assert.Equal(7, Projects.Length);
        foreach (var project in Projects)
        {
            var lockFile = Path.Combine(Path.GetDirectoryName(project)!, "packages.lock.json");
            Assert.True(File.Exists(lockFile), $"{project} has no packages.lock.json");
            var locked = JsonNode.Parse(File.ReadAllText(lockFile))!["dependencies"]!["net10.0"]!.AsObject();
            foreach (var reference in XDocument.Load(project).Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!))
            {
                Assert.True(locked[reference] is JsonObject entry && (string?)entry["type"] == "Direct", $"{project}: {reference} is not locked");
                Assert.Equal(versions[reference], (string?)locked[reference]!["resolved"]);
                Assert.False(string.IsNullOrEmpty((string?)locked[reference]!["contentHash"]), $"{project}: {reference} has no content hash");
            }
        }
    }

    [Fact]
    public async Task The_SBOM_lists_every_package_the_operator_is_built_from_with_its_hash_and_nothing_of_the_tests()
    {
        var output = Directory.CreateTempSubdirectory("sbom-").FullName;
        try
        {
            var start = new ProcessStartInfo(RepositoryRoot.Combine("scripts", "sbom.sh"), [output]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var script = Process.Start(start)!;
            var stderr = script.StandardError.ReadToEndAsync();
            var stdout = await script.StandardOutput.ReadToEndAsync();
            await script.WaitForExitAsync();
            Assert.True(script.ExitCode == 0, $"scripts/sbom.sh failed: {stdout}{await stderr}");

            var bom = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "bom.json")))!;
            Assert.Equal("CycloneDX", (string?)bom["bomFormat"]);
            Assert.Equal("windows-node-operator", (string?)bom["metadata"]!["component"]!["name"]);
            var components = bom["components"]!.AsArray().Select(c => c!.AsObject())
                .ToDictionary(c => (string)c["name"]!, StringComparer.Ordinal);

            // The operator's restore is the closure it is published with (packages the ASP.NET Core shared framework
            // provides are pruned from it: they come with the base image, not in /app).
            var locked = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("src", "WindowsNodeOperator", "packages.lock.json")))!["dependencies"]!["net10.0"]!
                .AsObject()
                .Where(p => (string?)p.Value!["type"] != "Project")
                .ToList();
            Assert.NotEmpty(locked);
            foreach (var (name, entry) in locked)
            {
                Assert.True(components.TryGetValue(name, out var component), $"the SBOM lacks {name}");
                Assert.Equal((string?)entry!["resolved"], (string?)component["version"]);
                Assert.Contains(component["hashes"]!.AsArray(), h => (string?)h!["alg"] == "SHA-512" && ((string?)h["content"])?.Length == 128);
            }

            Assert.DoesNotContain("xunit", components.Keys);
            Assert.DoesNotContain("Moq", components.Keys);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void The_image_is_built_with_the_pinned_SBOM_tool_and_ships_the_SBOM()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("Dockerfile"));

        Assert.Contains("COPY .config/ .config/", dockerfile, StringComparison.Ordinal);
        Assert.Contains("RUN scripts/sbom.sh /app/sbom", dockerfile, StringComparison.Ordinal);
        Assert.True(dockerfile.IndexOf("dotnet publish", StringComparison.Ordinal) < dockerfile.IndexOf("scripts/sbom.sh /app/sbom", StringComparison.Ordinal));
        Assert.Contains("COPY --from=build /app ./", dockerfile, StringComparison.Ordinal);
        var tools = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(".config", "dotnet-tools.json")))!;
        Assert.Equal("6.3.1", (string?)tools["tools"]!["cyclonedx"]!["version"]);
    }

    /// <summary>
    /// Every stage starts from an image pinned by digest, with its tag kept in the reference and in a comment above: a
    /// tag the registry re-points (every .NET patch does) cannot change what the next build runs on.
    /// </summary>
    [Fact]
    public void Every_base_image_is_pinned_by_digest_with_its_tag_beside_it()
    {
        var lines = File.ReadAllLines(RepositoryRoot.Combine("Dockerfile"));
        var froms = lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, froms.Count);
        foreach (var (line, index) in froms)
        {
            var match = System.Text.RegularExpressions.Regex.Match(line, @"^FROM (?<image>mcr\.microsoft\.com/[a-z/]+:[0-9a-z.\-]+)@sha256:[0-9a-f]{64}( AS [a-z]+)?$");
            Assert.True(match.Success, $"not pinned by digest: {line}");
            Assert.Equal($"# Tag: {match.Groups["image"].Value}", lines[index - 1]);
        }
    }
}
