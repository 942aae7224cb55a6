using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Workloads;

/// <summary>
/// The part of the Deployment controller the sandbox needs: a Deployment without a ReplicaSet gets one, a
/// Deployment with one ReplicaSet passes its scale on to it, and status sums its ReplicaSets' counts.
/// Rolling out a changed template is not simulated.
/// </summary>
internal sealed class DeploymentController(ISandboxStore store) : ISandboxController
{
    private const string HashLabel = "pod-template-hash";

    public string Name => "deployment-controller";

    public int Reconcile()
    {
        var replicaSets = store.List(KubeApi.Apps, KubeApi.ReplicaSets);
        var writes = 0;
        foreach (var deployment in store.List(KubeApi.Apps, KubeApi.Deployments).Where(d => !Meta.IsDeleting(d)))
        {
            var owned = replicaSets.Where(r => Meta.Namespace(r) == Meta.Namespace(deployment) && Owners.IsControlledBy(r, deployment, "Deployment")).ToList();
            var replicas = PodTemplates.Replicas(deployment);

            // 1. No ReplicaSet yet: create the first, named by the template's hash.
            if (owned.Count == 0)
            {
                store.Create(NewReplicaSet(deployment, replicas));
                writes++;
                continue;
            }

            // 2. One ReplicaSet: it carries the Deployment's scale (kubectl scale deploy).
            if (owned.Count == 1 && PodTemplates.Replicas(owned[0]) != replicas)
            {
                store.Patch(KubeApi.Apps, KubeApi.ReplicaSets, Meta.Namespace(owned[0]), Meta.Name(owned[0]), SandboxPatchType.Merge,
                    new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } });
                writes++;
            }

            var available = owned.Sum(r => Count(r, "availableReplicas"));
            var counts = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["replicas"] = owned.Sum(r => Count(r, "replicas")),
                ["readyReplicas"] = owned.Sum(r => Count(r, "readyReplicas")),
                ["availableReplicas"] = available,
                ["updatedReplicas"] = owned.Where(r => SameTemplate(r, deployment)).Sum(r => Count(r, "replicas")),
                ["unavailableReplicas"] = Math.Max(0, replicas - available),
            };
            writes += StatusCounts.Write(store, KubeApi.Deployments, deployment, counts) ? 1 : 0;
        }

        return writes;
    }

    private static int Count(JsonObject obj, string field) => (int)(Meta.Long(obj["status"]?[field]) ?? 0);

    private static bool SameTemplate(JsonObject replicaSet, JsonObject deployment)
    {
        var template = replicaSet["spec"]?["template"]?.DeepClone() as JsonObject;
        (template?["metadata"]?["labels"] as JsonObject)?.Remove(HashLabel);
        return JsonNode.DeepEquals(template, deployment["spec"]?["template"]);
    }

    private static JsonObject NewReplicaSet(JsonObject deployment, int replicas)
    {
        var hash = TemplateHash(deployment["spec"]?["template"]);
        var template = (deployment["spec"]?["template"]?.DeepClone() as JsonObject) ?? new JsonObject();
        var templateMetadata = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = templateMetadata;
        var labels = templateMetadata["labels"] as JsonObject ?? new JsonObject();
        templateMetadata["labels"] = labels;
        labels[HashLabel] = hash;

        var selector = (deployment["spec"]?["selector"]?.DeepClone() as JsonObject) ?? new JsonObject();
        var matchLabels = selector["matchLabels"] as JsonObject ?? new JsonObject();
        selector["matchLabels"] = matchLabels;
        matchLabels[HashLabel] = hash;

        return new JsonObject
        {
            ["apiVersion"] = KubeApi.Apps,
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{Meta.Name(deployment)}-{hash}",
                ["namespace"] = Meta.Namespace(deployment),
                ["labels"] = labels.DeepClone(),
                ["ownerReferences"] = new JsonArray(Owners.Reference(deployment)),
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = template },
        };
    }

    /// <summary>A stable 10-character name suffix from the template (FNV-1a, in the alphabet of generated names).</summary>
    private static string TemplateHash(JsonNode? template)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = 2166136261u;
        foreach (var c in template?.ToJsonString() ?? string.Empty)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return string.Create(10, hash, static (span, h) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[(int)(h % (uint)alphabet.Length)];
                h = (h / (uint)alphabet.Length) ^ (h << 7);
            }
        });
    }
}
