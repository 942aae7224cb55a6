using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator's RBAC as shipped in manifests/rbac/ (ClusterRole, ClusterRoleBinding, the leader-election Role and
/// RoleBinding, the ServiceAccount), or with one rule taken out, as the objects kubectl applies to an enforcing sandbox.
/// </summary>
internal sealed record OperatorRbac(IReadOnlyList<JsonObject> Objects)
{
    public const string Namespace = "windows-node-operator";
    public const string Account = "windows-node-operator";
    public const string User = $"system:serviceaccount:{Namespace}:{Account}";
    public const string ClusterRole = "ClusterRole windows-node-operator";
    public const string Role = $"Role {Namespace}/windows-node-operator-leader-election";

    public static OperatorRbac Shipped() => new(
        Directory.GetFiles(RepositoryRoot.Combine("manifests", "rbac"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.ParseDocuments(File.ReadAllText(f)))
            .OfType<JsonObject>()
            .ToList());

    /// <summary>The rules of <paramref name="role"/> (<see cref="ClusterRole"/> or <see cref="Role"/>).</summary>
    public IReadOnlyList<JsonObject> Rules(string role) => (RoleObject(role)["rules"] as JsonArray)!.OfType<JsonObject>().ToList();

    /// <summary>These objects with rule <paramref name="index"/> of <paramref name="role"/> taken out.</summary>
    public OperatorRbac Without(string role, int index)
    {
        var copies = Objects.Select(o => (JsonObject)o.DeepClone()).ToList();
        var copy = new OperatorRbac(copies);
        (copy.RoleObject(role)["rules"] as JsonArray)!.RemoveAt(index);
        return copy;
    }

    /// <summary>The objects as one stream of JSON documents for <c>kubectl apply -f -</c>.</summary>
    public string ToApplyYaml() => string.Join("\n", Objects.Select(o => o.ToJsonString()));

    /// <summary>"verbs on group/resources [names]" for a rule, as a table would name it.</summary>
    public static string Describe(JsonObject rule)
    {
        static string Join(JsonNode? list) => string.Join(",", (list as JsonArray ?? []).Select(n => n!.GetValue<string>()));
        var names = rule["resourceNames"] is JsonArray { Count: > 0 } ? $" [{Join(rule["resourceNames"])}]" : "";
        return $"{Join(rule["verbs"])} {Join(rule["apiGroups"]) switch { "" => "core", var g => g }}/{Join(rule["resources"])}{names}";
    }

    private JsonObject RoleObject(string role)
    {
        var kind = role.StartsWith("ClusterRole ", StringComparison.Ordinal) ? "ClusterRole" : "Role";
        var name = role[(role.LastIndexOfAny([' ', '/']) + 1)..];
        return Objects.Single(o => o["kind"]?.GetValue<string>() == kind && o["metadata"]?["name"]?.GetValue<string>() == name);
    }
}
