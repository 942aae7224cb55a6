using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;
using WindowsNodeOperator.Sandbox.Schema;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>An in-memory Kubernetes API server on 127.0.0.1 for kubectl and KubernetesClient, with in-process access through <see cref="Store"/>.</summary>
public sealed class SandboxApiServer : IAsyncDisposable
{
    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly WebApplication _app;

    private SandboxApiServer(WebApplication app, ISandboxStore store, Uri baseAddress, RequestCounter requests)
    {
        _app = app;
        Store = store;
        BaseAddress = baseAddress;
        Requests = requests;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    public ISandboxStore Store { get; }

    /// <summary>The HTTP requests answered so far, by client, verb and resource.</summary>
    public RequestCounter Requests { get; }

    public static async Task<SandboxApiServer> StartAsync(SandboxApiServerOptions options, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        var service = new ResourceService(new ObjectStore(options.WatchHistorySize), new ResourceCatalog(), options.TimeProvider);
        var store = new SandboxStore(service);
        foreach (var ns in InitialNamespaces)
        {
            store.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        var documents = new List<string>(options.CrdDocuments);
        foreach (var file in options.CrdFiles)
        {
            documents.Insert(0, await File.ReadAllTextAsync(file, ct).ConfigureAwait(false));
        }

        foreach (var crd in documents.SelectMany(YamlJson.ParseDocuments).OfType<JsonObject>())
        {
            store.Create(crd);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var requests = new RequestCounter();
        var router = new ApiRouter(service, options.KubernetesVersion, requests, loggers.CreateLogger<SandboxApiServer>());
        app.Run(router.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SandboxApiServer(app, store, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")), requests);
    }

    /// <summary>
    /// Writes a kubeconfig with cluster, context and user "sandbox" pointing at <see cref="BaseAddress"/>. The server
    /// checks no credentials; the user carries a placeholder token because KubernetesClient refuses a user without any.
    /// </summary>
    public void WriteKubeconfig(string path)
    {
        var server = BaseAddress.ToString().TrimEnd('/');
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {server}
            users:
            - name: sandbox
              user:
                token: sandbox
            contexts:
            - name: sandbox
              context:
                cluster: sandbox
                user: sandbox
            current-context: sandbox
            preferences: {"{}"}

            """;
        File.WriteAllText(path, text);
    }

    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
