using System.Text.Json;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.Api;

public sealed class SampleTests
{
    private static readonly string SamplesDirectory = RepositoryRoot.Combine("manifests", "samples");

    public static TheoryData<string> Samples() =>
        new(Directory.EnumerateFiles(SamplesDirectory).Select(Path.GetFileName).OfType<string>().Order());

    [Fact]
    public void The_folder_holds_only_policies()
    {
        var files = Directory.EnumerateFiles(SamplesDirectory).Select(Path.GetFileName).ToList();

        Assert.True(files.Count >= 2);
        Assert.DoesNotContain(files, f => f!.StartsWith("kustomization", StringComparison.OrdinalIgnoreCase));
        Assert.All(files, f => Assert.EndsWith(".yaml", f, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_is_a_valid_policy_after_defaults(string file)
    {
        var documents = YamlJson.ParseDocuments(File.ReadAllText(Path.Combine(SamplesDirectory, file)));

        foreach (var document in documents.Cast<JsonObject>())
        {
            Assert.Equal(WindowsNodePolicy.KubeApiVersion, document["apiVersion"]!.GetValue<string>());
            Assert.Equal(WindowsNodePolicy.KubeKind, document["kind"]!.GetValue<string>());
            var original = document.DeepClone();
            PolicyCrd.Schema.Prune(document);
            Assert.True(JsonNode.DeepEquals(original, document), $"{file} has fields the CRD would prune");

            PolicyCrd.Schema.ApplyDefaults(document);
            Assert.Empty(PolicyCrd.Schema.Validate(document).Select(e => e.ToString()));

            var policy = document.Deserialize<WindowsNodePolicy>(PolicyCrd.Json)!;
            Assert.NotEmpty(policy.Metadata.Name);
            Assert.True(PolicyDuration.TryParse(policy.Spec.MaxNodeAge, out var maxAge));
            Assert.InRange(maxAge.Value, WindowsNodePolicySpec.MinMaxNodeAge, WindowsNodePolicySpec.MaxMaxNodeAge);
            Assert.True(PolicyDuration.TryParse(policy.Spec.Drain.Timeout, out _));
            Assert.All(policy.Spec.Disruption.MaintenanceWindows ?? [], w => Assert.True(PolicyDuration.TryParse(w.Duration, out _)));
        }
    }

    [Fact]
    public void The_default_sample_selects_managed_groups_by_tag_with_a_weekday_night_window()
    {
        var document = (JsonObject)YamlJson.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, "windowsnodepolicy.yaml")));
        PolicyCrd.Schema.ApplyDefaults(document);

        var policy = document.Deserialize<WindowsNodePolicy>(PolicyCrd.Json)!;

        Assert.Equal("true", policy.Spec.AutoScalingGroups.Tags!["windowsnode.io/managed"]);
        Assert.Null(policy.Spec.AutoScalingGroups.Names);
        var window = Assert.Single(policy.Spec.Disruption.MaintenanceWindows!);
        Assert.EndsWith("1-5", window.Schedule, StringComparison.Ordinal);
    }

    [Fact]
    public void The_by_name_sample_uses_an_explicit_ssm_parameter()
    {
        var document = (JsonObject)YamlJson.Parse(File.ReadAllText(Path.Combine(SamplesDirectory, "windowsnodepolicy-by-name.yaml")));
        PolicyCrd.Schema.ApplyDefaults(document);

        var policy = document.Deserialize<WindowsNodePolicy>(PolicyCrd.Json)!;

        Assert.NotEmpty(policy.Spec.AutoScalingGroups.Names!);
        Assert.StartsWith("/", policy.Spec.Ami.SsmParameter, StringComparison.Ordinal);
        Assert.Null(policy.Spec.Ami.WindowsVersion);
        Assert.Equal("25%", policy.Spec.Disruption.MaxUnavailable.Value);
    }
}
