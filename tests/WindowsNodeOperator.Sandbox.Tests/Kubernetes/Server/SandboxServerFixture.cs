using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>One sandbox API server per test class, on a free port, with a kubeconfig in a temp directory.</summary>
public sealed class SandboxServerFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-apiserver-").FullName;

    public SandboxApiServer Server { get; private set; } = null!;

    public string KubeconfigPath => Path.Combine(_dir, "kubeconfig");

    internal Kubectl Kubectl { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ISandboxStore Store => Server.Store;

    public static string CrdFile => RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml");

    public async Task InitializeAsync()
    {
        Server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { Port = 0 });
        Server.WriteKubeconfig(KubeconfigPath);
        Kubectl = new Kubectl(KubeconfigPath, Path.Combine(_dir, "cache"));
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public JsonObject SeedNode(string name, bool windows = true)
    {
        var labels = new JsonObject { ["kubernetes.io/os"] = windows ? "windows" : "linux", ["kubernetes.io/hostname"] = name };
        return Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["spec"] = new JsonObject { ["providerID"] = $"aws:///us-east-1a/i-{name}" },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.31.0", ["osImage"] = "Windows Server 2022 Datacenter" },
            },
        });
    }

    public JsonObject SeedPod(string ns, string name, string node, JsonObject? labels = null, JsonArray? owners = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? new JsonObject() };
        if (owners is not null)
        {
            metadata["ownerReferences"] = owners;
        }

        return Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["nodeName"] = node,
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }),
            },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
            },
        });
    }
}
