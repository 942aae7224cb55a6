using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>
/// A sandbox API server enforcing RBAC, with the operator's shipped RBAC (manifests/rbac/) applied by kubectl under the
/// admin kubeconfig, and a kubeconfig for the operator's ServiceAccount.
/// </summary>
public sealed class RbacServerFixture : IAsyncLifetime
{
    public const string OperatorNamespace = "windows-node-operator";
    public const string OperatorUser = "system:serviceaccount:windows-node-operator:windows-node-operator";

    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-rbac-").FullName;

    public SandboxApiServer Server { get; private set; } = null!;

    public ISandboxStore Store => Server.Store;

    /// <summary>kubectl as the administrator (system:masters).</summary>
    internal Kubectl Admin { get; private set; } = null!;

    /// <summary>kubectl as the operator's ServiceAccount.</summary>
    internal Kubectl Operator { get; private set; } = null!;

    /// <summary>What kubectl printed applying manifests/rbac/.</summary>
    internal KubectlResult Applied { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EnforceRbac = true });
        Server.WriteKubeconfig(Path.Combine(_dir, "admin"));
        Admin = new Kubectl(Path.Combine(_dir, "admin"), Path.Combine(_dir, "cache-admin"));
        var ns = await Admin.RunAsync("create", "namespace", OperatorNamespace);
        Assert.True(ns.ExitCode == 0, ns.ToString());
        Applied = await Admin.RunAsync("apply", "-f", RepositoryRoot.Combine("manifests", "rbac"));
        Assert.True(Applied.ExitCode == 0, Applied.ToString());
        Operator = KubectlAs(Server.IssueServiceAccountToken(OperatorNamespace, "windows-node-operator"), "operator");
    }

    /// <summary>kubectl with a kubeconfig carrying <paramref name="token"/>.</summary>
    internal Kubectl KubectlAs(string token, string name)
    {
        var path = Path.Combine(_dir, name);
        Server.WriteKubeconfig(path, token);
        return new Kubectl(path, Path.Combine(_dir, $"cache-{name}"));
    }

    /// <summary>A token for a user (in system:authenticated) with no role of its own.</summary>
    public string UserToken(string name) => Server.IssueToken(new SandboxUser(name, ["system:authenticated"]));

    public HttpClient Http(string? token)
    {
        var http = new HttpClient(Server.CreateHttpHandler()) { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public void Seed(string yaml)
    {
        foreach (var obj in WindowsNodeOperator.Sandbox.Schema.YamlJson.ParseDocuments(yaml).OfType<JsonObject>())
        {
            Store.Create(obj);
        }
    }
}
