using WindowsNodeOperator.Api;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.BadInput;

/// <summary>
/// The invalid policies a schema can judge, applied with the real kubectl to the sandbox API server serving the
/// project's CRD: each is refused, kubectl's error names the field and the reason, and nothing is stored.
/// </summary>
public sealed class SchemaRejectionTests(SchemaRejectionTests.Server server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SchemaRejectionTests.Server>
{
    public static TheoryData<string> Rows => [.. BadPolicies.RejectedBySchema.Select(r => r.Name)];

    [Fact]
    public void The_table_has_at_least_forty_invalid_policies() =>
        Assert.True(BadPolicies.RejectedBySchema.Count + BadPolicies.ReportedByOperator.Count >= 40);

    [Fact]
    public async Task A_valid_policy_is_accepted_by_the_same_server()
    {
        var apply = await server.Kubectl.RunWithInputAsync(BadPolicies.Yaml("valid", BadPolicies.Groups), "apply", "-f", "-");

        Assert.True(apply.ExitCode == 0, apply.ToString());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Kubectl_apply_is_refused_naming_the_field_and_the_reason(string name)
    {
        var row = BadPolicies.RejectedBySchema.Single(r => r.Name == name);

        var apply = await server.Kubectl.RunWithInputAsync(row.Yaml, "apply", "-f", "-");
        output.WriteLine(apply.Stderr);

        Assert.True(apply.ExitCode != 0, apply.ToString());
        Assert.True(apply.Stderr.Contains(row.Field, StringComparison.Ordinal), $"no {row.Field} in {apply}");
        Assert.True(apply.Stderr.Contains(row.Reason, StringComparison.Ordinal), $"no '{row.Reason}' in {apply}");
        Assert.Null(server.Api.Store.Find(WindowsNodePolicy.KubeApiVersion, WindowsNodePolicy.KubePlural, null, row.Name));
    }

    /// <summary>One API server serving the CRD from manifests/crd, and kubectl pointed at it.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("bad-input-").FullName;

        public SandboxApiServer Api { get; private set; } = null!;

        internal Kubectl Kubectl { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var crd = await File.ReadAllTextAsync(RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml"));
            Api = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { CrdDocuments = [crd] });
            Api.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"));
            Kubectl = new Kubectl(Path.Combine(_dir, "kubeconfig"), Path.Combine(_dir, "cache"));
        }

        public async Task DisposeAsync()
        {
            await Api.DisposeAsync();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
