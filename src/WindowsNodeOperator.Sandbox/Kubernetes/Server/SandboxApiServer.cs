using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;
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

    private readonly RbacEnforcement? _rbac;

    private readonly X509Certificate2? _certificate;

    private SandboxApiServer(WebApplication app, ISandboxStore store, Uri baseAddress, RequestCounter requests, RbacEnforcement? rbac, X509Certificate2? certificate)
    {
        _app = app;
        _rbac = rbac;
        _certificate = certificate;
        AdminToken = rbac?.Tokens.Issue(SandboxUser.Admin) ?? "sandbox";
        Store = store;
        BaseAddress = baseAddress;
        Requests = requests;
    }

    /// <summary>http://127.0.0.1:PORT/, or https:// when RBAC is enforced (kubectl sends credentials only over TLS).</summary>
    public Uri BaseAddress { get; }

    public ISandboxStore Store { get; }

    /// <summary>The HTTP requests answered so far, by client, verb and resource.</summary>
    public RequestCounter Requests { get; }

    /// <summary>The token of the kubeconfig <see cref="WriteKubeconfig"/> writes: in system:masters when RBAC is enforced.</summary>
    public string AdminToken { get; }

    /// <summary>Whether requests are authenticated and authorized (<see cref="SandboxApiServerOptions.EnforceRbac"/>).</summary>
    public bool EnforcesRbac => _rbac is not null;

    /// <summary>Every authorization decision made (empty unless RBAC is enforced).</summary>
    public AccessLog Access => _rbac?.Log ?? new AccessLog();

    /// <summary>
    /// A bearer token for the ServiceAccount <paramref name="ns"/>/<paramref name="name"/> (user
    /// system:serviceaccount:NS:NAME), valid while the ServiceAccount exists.
    /// </summary>
    public string IssueServiceAccountToken(string ns, string name) =>
        (_rbac ?? throw new InvalidOperationException("The server does not enforce RBAC.")).Tokens.IssueForServiceAccount(ns, name);

    /// <summary>
    /// A handler for in-process HTTP clients of <see cref="BaseAddress"/>: with RBAC enforced it trusts the server's
    /// self-signed certificate, and nothing else.
    /// </summary>
    public HttpMessageHandler CreateHttpHandler() =>
        _certificate is null ? new SocketsHttpHandler() : ServingCertificate.TrustingHandler(_certificate);

    /// <summary>A bearer token for any user and groups (system:authenticated is not added).</summary>
    public string IssueToken(SandboxUser user) =>
        (_rbac ?? throw new InvalidOperationException("The server does not enforce RBAC.")).Tokens.Issue(user);

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

        RbacEnforcement? rbac = null;
        X509Certificate2? certificate = null;
        if (options.EnforceRbac)
        {
            rbac = new RbacEnforcement(service);
            certificate = ServingCertificate.Create(options.TimeProvider);
            foreach (var obj in BootstrapPolicy.Objects())
            {
                store.Create(obj);
            }
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port, listen =>
        {
            if (certificate is not null)
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var requests = new RequestCounter();
        var router = new ApiRouter(service, options.KubernetesVersion, requests, rbac, loggers.CreateLogger<SandboxApiServer>(), options.Calls);
        app.Run(router.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SandboxApiServer(app, store, new Uri(string.Create(CultureInfo.InvariantCulture, $"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/")), requests, rbac, certificate);
    }

    /// <summary>
    /// Writes a kubeconfig with cluster, context and user "sandbox" pointing at <see cref="BaseAddress"/>, with
    /// <paramref name="token"/> or <see cref="AdminToken"/> (without RBAC a placeholder: KubernetesClient refuses a user
    /// without credentials).
    /// </summary>
    public void WriteKubeconfig(string path, string? token = null)
    {
        token ??= AdminToken;
        var authority = _certificate is null
            ? ""
            : $"\n    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(_certificate.ExportCertificatePem()))}";
        var server = BaseAddress.ToString().TrimEnd('/');
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {server}{authority}
            users:
            - name: sandbox
              user:
                token: {token}
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
        _certificate?.Dispose();
    }
}
