using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>The official KubernetesClient against the sandbox: nodes and the policy CR.</summary>
public sealed class KubernetesClientTests(SandboxServerFixture fx) : IClassFixture<SandboxServerFixture>
{
    [Fact]
    public async Task Lists_patches_and_watches_nodes()
    {
        fx.SeedNode("win-client-1");
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(fx.KubeconfigPath));

        var nodes = await client.CoreV1.ListNodeAsync(labelSelector: "kubernetes.io/os=windows");
        var patched = await client.CoreV1.PatchNodeStatusAsync(
            new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", V1Patch.PatchType.MergePatch),
            "win-client-1");

        Assert.Contains(nodes.Items, n => n.Metadata.Name == "win-client-1");
        Assert.Equal("False", patched.Status.Conditions.Single(c => c.Type == "Ready").Status);
        // Watching from the list's resourceVersion replays the status patch made after it.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var (type, node) in client.CoreV1.WatchListNodeAsync(fieldSelector: "metadata.name=win-client-1", resourceVersion: nodes.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Modified, type);
            Assert.Equal("win-client-1", node.Metadata.Name);
            break;
        }
    }

    [Fact]
    public async Task Patches_a_policy_status_without_bumping_generation()
    {
        var crd = await fx.Kubectl.RunAsync("apply", "-f", SandboxServerFixture.CrdFile);
        Assert.True(crd.ExitCode == 0, crd.ToString());
        fx.Store.Create(Policies.Object("client-status"));
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(fx.KubeconfigPath));

        var result = await client.CustomObjects.PatchClusterCustomObjectStatusAsync(
            new V1Patch(Policies.ReadyStatus().ToJsonString(), V1Patch.PatchType.MergePatch),
            "windowsnode.io",
            "v1alpha1",
            "windowsnodepolicies",
            "client-status");

        var json = JsonNode.Parse(k8s.KubernetesJson.Serialize(result))!;
        Assert.Equal("True", json["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, json["metadata"]!["generation"]!.GetValue<long>());
        var list = JsonNode.Parse(k8s.KubernetesJson.Serialize(await client.CustomObjects.ListClusterCustomObjectAsync("windowsnode.io", "v1alpha1", "windowsnodepolicies")))!;
        Assert.Contains(list["items"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == "client-status");
    }
}
