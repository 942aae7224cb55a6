using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.Api;

/// <summary>The project's WindowsNodePolicy CRD, loaded once for the tests.</summary>
internal static class PolicyCrd
{
    public static string CrdPath { get; } = RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml");

    public static CustomResourceDefinitionInfo Info { get; } = Assert.Single(CustomResourceDefinitionLoader.LoadFile(CrdPath));

    public static StructuralSchema Schema => Info.StorageVersion.Schema;

    public static JsonObject OpenApiSchema { get; } =
        Info.Manifest["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    public static JsonSerializerOptions Json { get; } = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Prunes and defaults a policy like kube-apiserver on create, then validates it.</summary>
    public static IReadOnlyList<FieldError> Admit(JsonObject policy)
    {
        Schema.Prune(policy);
        Schema.ApplyDefaults(policy);
        return Schema.Validate(policy);
    }

    public static JsonObject Policy(string specYaml) => new()
    {
        ["apiVersion"] = WindowsNodePolicy.KubeApiVersion,
        ["kind"] = WindowsNodePolicy.KubeKind,
        ["metadata"] = new JsonObject { ["name"] = "test" },
        ["spec"] = YamlJson.Parse(specYaml),
    };
}
