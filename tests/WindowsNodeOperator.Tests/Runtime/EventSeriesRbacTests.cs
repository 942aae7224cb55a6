using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

namespace WindowsNodeOperator.Tests.Runtime;

/// <summary>
/// Why the ClusterRole grants events patch: the recorder writes a repeat of an event within its series window as a patch
/// of the first event's series. On a sandbox enforcing RBAC, a ServiceAccount allowed create and patch counts the repeat;
/// allowed create alone, the repeat is refused and dropped (logged).
/// </summary>
public sealed class EventSeriesRbacTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("event-series-").FullName;
    private SandboxApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { EnforceRbac = true, TimeProvider = _time });
        foreach (var (account, verbs) in new[] { ("create-and-patch", new[] { "create", "patch" }), ("create-only", new[] { "create" }) })
        {
            _server.Store.Create(Yaml($"""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {"{"}name: {account}, namespace: default{"}"}
                """));
            _server.Store.Create(Yaml($"""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {"{"}name: {account}{"}"}
                rules:
                  - apiGroups: [events.k8s.io]
                    resources: [events]
                    verbs: [{string.Join(", ", verbs)}]
                """));
            _server.Store.Create(Yaml($"""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {"{"}name: {account}{"}"}
                roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {account}{"}"}
                subjects:
                  - kind: ServiceAccount
                    name: {account}
                    namespace: default
                """));
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_repeat_within_the_series_window_is_a_patch_counted_with_create_and_patch()
    {
        var (recorder, logs) = Recorder("create-and-patch");

        await recorder.RecordAsync(Node(), "Normal", "NodeCordoned", "Drain", "node n1 cordoned");
        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(Node(), "Normal", "NodeCordoned", "Drain", "node n1 cordoned");

        var stored = Assert.Single(_server.Store.List("events.k8s.io/v1", "events", "default"));
        Assert.Equal(2, stored["series"]?["count"]?.GetValue<int>());
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public async Task A_repeat_within_the_series_window_is_refused_and_dropped_with_create_alone()
    {
        var (recorder, logs) = Recorder("create-only");

        await recorder.RecordAsync(Node(), "Normal", "NodeCordoned", "Drain", "node n1 cordoned");
        _time.Advance(TimeSpan.FromMinutes(1));
        await recorder.RecordAsync(Node(), "Normal", "NodeCordoned", "Drain", "node n1 cordoned");

        var stored = Assert.Single(_server.Store.List("events.k8s.io/v1", "events", "default"));
        Assert.Null(stored["series"]);
        var dropped = Assert.Single(logs.Lines);
        Assert.Contains("Dropped event NodeCordoned about n1", dropped, StringComparison.Ordinal);
        Assert.Contains(_server.Access.Of("system:serviceaccount:default:create-only"), d => !d.Allowed && d.Request.Verb == "patch" && d.Request.Resource == "events");
    }

    private (EventRecorder Recorder, Warnings Logs) Recorder(string account)
    {
        var kubeconfig = Path.Combine(_dir, account);
        _server.WriteKubeconfig(kubeconfig, _server.IssueServiceAccountToken("default", account));
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var logs = new Warnings();
        var options = Options.Create(new ControllerRuntimeOptions { ReportingController = "windowsnode.io/test" });
        return (new EventRecorder(client, options, _time, logs), logs);
    }

    private static V1Node Node() => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = "n1", Uid = "0c5a6c54-0000-4000-8000-000000000001" },
    };

    private static JsonObject Yaml(string yaml) => WindowsNodeOperator.Sandbox.Schema.YamlJson.Parse(yaml).AsObject();

    private sealed class Warnings : ILogger<EventRecorder>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
