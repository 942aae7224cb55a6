using WindowsNodeOperator.Api;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Polly;
using Polly.Timeout;

namespace WindowsNodeOperator.Cluster;

/// <summary>The cluster ports on the official KubernetesClient, every call through <see cref="ClusterResilience"/>.</summary>
internal sealed class KubernetesClusterClient(IKubernetes client, TimeProvider time) : INodeClient, IPodClient
{
    private const int CordonAttempts = 5;
    private const string WindowsLabel = "kubernetes.io/os";
    private readonly ResiliencePipeline _calls = ClusterResilience.Create(time, forEviction: false);
    private readonly ResiliencePipeline _evictions = ClusterResilience.Create(time, forEviction: true);

    public async Task<ClusterNode?> GetNodeAsync(string name, CancellationToken ct)
    {
        var node = await ReadNodeAsync(name, ct).ConfigureAwait(false);
        return node is null ? null : ClusterMapping.ToNode(node);
    }

    public async Task<IReadOnlyList<ClusterNode>> ListWindowsNodesAsync(IReadOnlyDictionary<string, string>? nodeSelector, CancellationToken ct)
    {
        var extra = (nodeSelector ?? new Dictionary<string, string>()).Where(p => p.Key != WindowsLabel).Select(p => $",{p.Key}={p.Value}");
        var selector = $"{WindowsLabel}=windows{string.Concat(extra)}";
        var list = await CallAsync("list Windows nodes", t => client.CoreV1.ListNodeAsync(labelSelector: selector, cancellationToken: t), ct)
            .ConfigureAwait(false);
        return list.Items.Select(ClusterMapping.ToNode).ToList();
    }

    public async Task<CordonResult> CordonAsync(string nodeName, string policyName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        for (var attempt = 1; ; attempt++)
        {
            var node = await ReadNodeAsync(nodeName, ct).ConfigureAwait(false);
            if (node is null)
            {
                return CordonResult.NodeNotFound;
            }

            var ours = node.Metadata.Annotations?.ContainsKey(OperatorAnnotations.CordonedBy) ?? false;
            var cordoned = node.Spec?.Unschedulable ?? false;
            if (cordoned)
            {
                return ours ? CordonResult.AlreadyOurs : CordonResult.CordonedByOthers;
            }

            // Someone uncordoned a node we had cordoned: cordon it again, keeping the original time.
            var annotations = ours
                ? new JsonObject()
                : new JsonObject
                {
                    [OperatorAnnotations.CordonedBy] = policyName,
                    [OperatorAnnotations.CordonedAt] = OperatorAnnotations.FormatTime(time.GetUtcNow()),
                };
            var patch = NodePatch(node.Metadata.ResourceVersion, annotations, JsonValue.Create(true));
            if (await TryPatchNodeAsync(nodeName, patch, attempt, ct).ConfigureAwait(false))
            {
                return ours ? CordonResult.AlreadyOurs : CordonResult.Cordoned;
            }
        }
    }

    public async Task<bool> UncordonIfOursAsync(string nodeName, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var node = await ReadNodeAsync(nodeName, ct).ConfigureAwait(false);
            if (node?.Metadata.Annotations?.ContainsKey(OperatorAnnotations.CordonedBy) != true)
            {
                return false;
            }

            var annotations = new JsonObject { [OperatorAnnotations.CordonedBy] = null, [OperatorAnnotations.CordonedAt] = null };
            if (await TryPatchNodeAsync(nodeName, NodePatch(node.Metadata.ResourceVersion, annotations, null), attempt, ct).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    public async Task<bool> AnnotateAsync(string nodeName, IReadOnlyDictionary<string, string> annotations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var values = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            values[key] = value;
        }

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = values } };
        try
        {
            await CallAsync(
                $"annotate node {nodeName}",
                t => client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), nodeName, cancellationToken: t),
                ct).ConfigureAwait(false);
            return true;
        }
        catch (ClusterApiException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ClusterPod>> ListPodsOnNodeAsync(string nodeName, CancellationToken ct) =>
        (await ListPodObjectsOnNodeAsync(nodeName, ct).ConfigureAwait(false)).Select(ClusterMapping.ToPod).ToList();

    public async Task<IReadOnlyList<V1Pod>> ListPodObjectsOnNodeAsync(string nodeName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        var list = await CallAsync(
            $"list pods on node {nodeName}",
            t => client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"spec.nodeName={nodeName}", cancellationToken: t),
            ct).ConfigureAwait(false);
        return [.. list.Items];
    }

    public async Task<EvictionResult> EvictPodAsync(PodKey pod, TimeSpan? gracePeriod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var eviction = new V1Eviction
        {
            ApiVersion = "policy/v1",
            Kind = "Eviction",
            Metadata = new V1ObjectMeta { Name = pod.Name, NamespaceProperty = pod.Namespace },
            DeleteOptions = gracePeriod is { } grace ? new V1DeleteOptions { GracePeriodSeconds = Seconds(grace) } : null,
        };
        try
        {
            await _evictions.ExecuteAsync(
                async t => await client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, pod.Name, pod.Namespace, cancellationToken: t).ConfigureAwait(false),
                ct).ConfigureAwait(false);
            return EvictionResult.Evicted;
        }
        catch (HttpOperationException e)
        {
            return EvictionRefusal.ToResult(ApiFailure.From(e));
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw Unreachable($"evict pod {pod}", e);
        }
    }

    public async Task<bool> DeletePodAsync(PodKey pod, TimeSpan? gracePeriod, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var options = new V1DeleteOptions { GracePeriodSeconds = gracePeriod is { } grace ? Seconds(grace) : null };
        try
        {
            await CallAsync(
                $"delete pod {pod}",
                t => client.CoreV1.DeleteNamespacedPodAsync(pod.Name, pod.Namespace, options, cancellationToken: t),
                ct).ConfigureAwait(false);
            return true;
        }
        catch (ClusterApiException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<UnschedulablePod>> ListUnschedulablePodsAsync(string ns, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        var list = await CallAsync(
            $"list Pending pods in {ns}",
            t => client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "status.phase=Pending", cancellationToken: t),
            ct).ConfigureAwait(false);
        return list.Items
            .Where(p => string.IsNullOrEmpty(p.Spec?.NodeName) && p.Metadata.DeletionTimestamp is null)
            .Select(p => (Pod: p, Scheduled: p.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled")))
            .Where(p => p.Scheduled is { Status: "False", Reason: "Unschedulable" })
            .Select(p => new UnschedulablePod(
                new PodKey(p.Pod.Metadata.NamespaceProperty ?? ns, p.Pod.Metadata.Name),
                p.Pod.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
                p.Scheduled!.Message ?? string.Empty))
            .ToList();
    }

    public async Task<IReadOnlyList<DisruptionBudgetInfo>> ListDisruptionBudgetsAsync(string ns, CancellationToken ct)
    {
        var list = await CallAsync(
            $"list PodDisruptionBudgets in {ns}",
            t => client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, cancellationToken: t),
            ct).ConfigureAwait(false);
        return list.Items.Select(ClusterMapping.ToBudget).ToList();
    }

    private async Task<V1Node?> ReadNodeAsync(string name, CancellationToken ct)
    {
        try
        {
            return await CallAsync($"read node {name}", t => client.CoreV1.ReadNodeAsync(name, cancellationToken: t), ct).ConfigureAwait(false);
        }
        catch (ClusterApiException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>A strategic merge patch guarded by resourceVersion; false on 409 so the caller re-reads, up to a few times.</summary>
    private async Task<bool> TryPatchNodeAsync(string nodeName, JsonObject patch, int attempt, CancellationToken ct)
    {
        try
        {
            await CallAsync(
                $"patch node {nodeName}",
                t => client.CoreV1.PatchNodeAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), nodeName, cancellationToken: t),
                ct).ConfigureAwait(false);
            return true;
        }
        catch (ClusterApiException e) when (e.StatusCode == 409 && attempt < CordonAttempts)
        {
            return false;
        }
    }

    private static JsonObject NodePatch(string resourceVersion, JsonObject annotations, JsonNode? unschedulable)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (annotations.Count > 0)
        {
            metadata["annotations"] = annotations;
        }

        return new JsonObject { ["metadata"] = metadata, ["spec"] = new JsonObject { ["unschedulable"] = unschedulable } };
    }

    private async Task<T> CallAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await _calls.ExecuteAsync(async t => await call(t).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw ApiFailure.From(e).ToException(what, e);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw Unreachable(what, e);
        }
    }

    private static bool IsUnreachable(Exception e) => e is HttpRequestException or TimeoutRejectedException or IOException;

    private static ClusterApiException Unreachable(string what, Exception e) =>
        new($"{what}: the Kubernetes API did not answer ({e.Message})", null, null, e);

    private static int Seconds(TimeSpan span) => (int)Math.Ceiling(Math.Max(0, span.TotalSeconds));
}
