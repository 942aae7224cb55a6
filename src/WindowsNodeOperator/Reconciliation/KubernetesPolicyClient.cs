using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Reconciliation;

internal sealed class KubernetesPolicyClient(IKubernetes client) : IPolicyClient
{
    public Task<WindowsNodePolicy> SetFinalizersAsync(WindowsNodePolicy policy, IReadOnlyList<string> finalizers, CancellationToken ct)
    {
        var list = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        return PatchAsync(policy, new JsonObject { ["finalizers"] = list }, ct);
    }

    public Task<WindowsNodePolicy> SetLedgerAsync(WindowsNodePolicy policy, PolicyLedger ledger, CancellationToken ct) =>
        PatchAsync(policy, new JsonObject { ["annotations"] = new JsonObject { [PolicyLedger.AnnotationKey] = ledger.Write() } }, ct);

    public async Task<string> GetKubernetesVersionAsync(CancellationToken ct)
    {
        var info = await client.Version.GetCodeAsync(ct).ConfigureAwait(false);
        var minor = new string((info.Minor ?? string.Empty).TakeWhile(char.IsAsciiDigit).ToArray());
        return $"{info.Major}.{minor}";
    }

    private async Task<WindowsNodePolicy> PatchAsync(WindowsNodePolicy policy, JsonObject metadata, CancellationToken ct)
    {
        // The resourceVersion makes the merge patch fail with 409 rather than overwrite a newer copy.
        metadata["resourceVersion"] = policy.Metadata.ResourceVersion;
        var body = new JsonObject { ["metadata"] = metadata };
        var result = await client.CustomObjects.PatchClusterCustomObjectAsync(
                new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
                WindowsNodePolicy.KubeGroup,
                WindowsNodePolicy.KubeVersion,
                WindowsNodePolicy.KubePlural,
                policy.Metadata.Name,
                cancellationToken: ct)
            .ConfigureAwait(false);
        return result is JsonElement element
            ? element.Deserialize<WindowsNodePolicy>() ?? policy
            : KubernetesJson.Deserialize<WindowsNodePolicy>(KubernetesJson.Serialize(result));
    }
}
