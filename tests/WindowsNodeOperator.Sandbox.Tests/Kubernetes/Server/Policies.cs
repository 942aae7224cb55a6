using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

internal static class Policies
{
    public const string ApiVersion = "windowsnode.io/v1alpha1";

    public static string Yaml(string name, string maxNodeAge = "30d", string extraMetadata = "") => $"""
        apiVersion: windowsnode.io/v1alpha1
        kind: WindowsNodePolicy
        metadata:
          name: {name}
        {extraMetadata}
        spec:
          maxNodeAge: {maxNodeAge}
          autoScalingGroups:
            names: [windows-ng-a]
        """;

    public static JsonObject Object(string name) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "WindowsNodePolicy",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["autoScalingGroups"] = new JsonObject { ["names"] = new JsonArray("windows-ng-a") } },
    };

    public static JsonObject ReadyStatus(string status = "True") => new()
    {
        ["status"] = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = status,
                ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                ["reason"] = "Reconciled",
                ["message"] = "all nodes compliant",
            }),
            ["nodes"] = new JsonObject { ["total"] = 3, ["expired"] = 1, ["drifted"] = 0 },
        },
    };
}
