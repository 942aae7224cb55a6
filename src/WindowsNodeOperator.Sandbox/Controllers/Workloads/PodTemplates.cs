using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Workloads;

/// <summary>A new pod from a workload's <c>spec.template</c>, controlled by the workload.</summary>
internal static class PodTemplates
{
    /// <summary>The pod, named <paramref name="name"/> or, when null, by generateName "OWNER-" (a random suffix).</summary>
    public static JsonObject NewPod(JsonObject owner, string? name = null)
    {
        var template = owner["spec"]?["template"] as JsonObject;
        var metadata = new JsonObject { ["namespace"] = Meta.Namespace(owner) };
        if (name is null)
        {
            metadata["generateName"] = Meta.Name(owner) + "-";
        }
        else
        {
            metadata["name"] = name;
        }

        metadata["labels"] = template?["metadata"]?["labels"]?.DeepClone() ?? new JsonObject();
        if (template?["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(Owners.Reference(owner));
        return new JsonObject
        {
            ["apiVersion"] = KubeApi.Core,
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template?["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    public static int Replicas(JsonObject workload) => (int)(Meta.Long(workload["spec"]?["replicas"]) ?? 1);
}
