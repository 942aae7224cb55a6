using System.CommandLine;
using Microsoft.Extensions.Configuration;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Hosting.Configuration;

namespace WindowsNodeOperator.Tests.Hosting;

public sealed class RunOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("run-options-").FullName;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task Help_lists_every_option_of_run()
    {
        var exit = await InvokeAsync("run", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--config", "--kubeconfig", "--leader-elect", "--metrics-bind-address", "--health-probe-bind-address", "--log-format" })
        {
            Assert.Contains(option, _output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_bind_address_is_refused_naming_the_setting()
    {
        var exit = await InvokeAsync("run", "--kubeconfig", Kubeconfig(), "--leader-elect", "false", "--metrics-bind-address", "nowhere");

        Assert.Equal(1, exit);
        Assert.Contains("Operator:MetricsBindAddress: 'nowhere' is not an address to listen on", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_port_for_metrics_and_probes_is_refused_naming_the_setting()
    {
        var exit = await InvokeAsync("run", "--kubeconfig", Kubeconfig(), "--leader-elect", "false",
            "--metrics-bind-address", ":9090", "--health-probe-bind-address", "127.0.0.1:9090");

        Assert.Equal(1, exit);
        Assert.Contains("Operator:HealthProbeBindAddress: port 9090 is already the metrics port", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_kubeconfig_is_refused_naming_the_setting()
    {
        var missing = Path.Combine(_dir, "missing.kubeconfig");

        var exit = await InvokeAsync("run", "--kubeconfig", missing, "--leader-elect", "false");

        Assert.Equal(1, exit);
        Assert.Contains($"Operator:Kubeconfig: the file '{missing}' does not exist.", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leader_election_without_a_lease_namespace_is_refused_naming_the_setting()
    {
        var config = Path.Combine(_dir, "operator.json");
        await File.WriteAllTextAsync(config, """{ "Operator": { "LeaseNamespace": "" } }""");

        var exit = await InvokeAsync("run", "--config", config, "--kubeconfig", Kubeconfig());

        Assert.Equal(1, exit);
        Assert.Contains("Operator:LeaseNamespace: required when leader election is on", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_does_not_convert_is_refused_naming_it()
    {
        var config = Path.Combine(_dir, "operator.json");
        await File.WriteAllTextAsync(config, """{ "Operator": { "LeaderElect": "sometimes" } }""");

        var exit = await InvokeAsync("run", "--config", config, "--kubeconfig", Kubeconfig());

        Assert.Equal(1, exit);
        Assert.Contains("Operator:LeaderElect", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_is_refused_naming_the_option()
    {
        var exit = await InvokeAsync("run", "--config", Path.Combine(_dir, "nope.json"));

        Assert.Equal(1, exit);
        Assert.Contains("--config: the file", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_region_the_real_AWS_clients_are_refused_naming_the_setting()
    {
        var none = new AwsRegionValidator(_ => null);

        var result = none.Validate(null, new AwsClientOptions());

        Assert.True(result.Failed);
        Assert.Equal("Aws:Region: no AWS region; set AWS_REGION or Aws:Region (WNO_Aws__Region).", Assert.Single(result.Failures!));
        Assert.True(none.Validate(null, new AwsClientOptions { Region = "eu-west-1" }).Succeeded);
        Assert.True(new AwsRegionValidator(name => name == "AWS_REGION" ? "us-east-2" : null).Validate(null, new AwsClientOptions()).Succeeded);
    }

    [Theory]
    [InlineData(":8080", "0.0.0.0", 8080)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0)]
    [InlineData("[::1]:8081", "::1", 8081)]
    [InlineData("localhost:9000", "127.0.0.1", 9000)]
    public void Bind_addresses_read_as_controller_runtime_writes_them(string text, string ip, int port)
    {
        Assert.True(BindAddress.TryParse(text, out var address));
        Assert.Equal(ip, address.Address.ToString());
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("8080")]
    [InlineData(":70000")]
    [InlineData("example.com:80")]
    [InlineData("::1:80")]
    [InlineData("")]
    public void Bind_addresses_that_are_not_refused(string text) => Assert.False(BindAddress.TryParse(text, out _));

    [Fact]
    public void The_shipped_settings_file_is_beside_the_binary_and_valid_once_the_cluster_is_named()
    {
        Assert.True(File.Exists(OperatorConfiguration.DefaultFile), OperatorConfiguration.DefaultFile);
        var configuration = OperatorConfiguration.Build(null, [new("Operator:ClusterName", "prod-eu")]);
        var options = new OperatorOptions { LeaseNamespace = "windows-node-operator" };
        configuration.GetSection(OperatorOptions.Section).Bind(options);

        Assert.True(new OperatorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(":8080", options.MetricsBindAddress);
        Assert.Equal(":8081", options.HealthProbeBindAddress);
        Assert.True(options.LeaderElect);
    }

    [Fact]
    public void Without_a_cluster_name_the_shipped_settings_are_refused_naming_the_setting()
    {
        var options = new OperatorOptions { LeaseNamespace = "windows-node-operator" };
        OperatorConfiguration.Build(null, []).GetSection(OperatorOptions.Section).Bind(options);

        var result = new OperatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Operator:ClusterName: required;", failure, StringComparison.Ordinal);
        Assert.Contains("kubernetes.io/cluster/<name>=owned", failure, StringComparison.Ordinal);
        Assert.Contains("WNO_Operator__ClusterName", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-prod")]
    [InlineData("prod eu")]
    [InlineData("prod/eu")]
    [InlineData("prod.eu")]
    public void A_cluster_name_EKS_would_not_accept_is_refused_naming_the_setting(string name)
    {
        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions { LeaderElect = false, ClusterName = name });

        Assert.Equal($"Operator:ClusterName: '{name}' is not an EKS cluster name (1 to 100 letters, digits, '-' and '_', starting with a letter or digit).", Assert.Single(result.Failures!));
        Assert.True(new OperatorOptionsValidator().Validate(null, new OperatorOptions { LeaderElect = false, ClusterName = "prod_eu-1" }).Succeeded);
        Assert.True(new OperatorOptionsValidator().Validate(null, new OperatorOptions { LeaderElect = false, ClusterName = new string('a', 100) }).Succeeded);
        Assert.True(new OperatorOptionsValidator().Validate(null, new OperatorOptions { LeaderElect = false, ClusterName = new string('a', 101) }).Failed);
    }

    private string Kubeconfig()
    {
        var path = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(path, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        return path;
    }

    private Task<int> InvokeAsync(params string[] args) =>
        OperatorCli.Create(TestClouds.Strict()).Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error });
}
