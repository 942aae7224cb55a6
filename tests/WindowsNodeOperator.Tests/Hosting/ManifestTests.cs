using System.Text.Json.Nodes;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>The Deployment, Service, ServiceMonitor and kustomization agree with what `run` serves.</summary>
public sealed class ManifestTests
{
    private static readonly JsonNode Deployment = Load("operator", "deployment.yaml");

    private static JsonNode Container => Deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

    [Fact]
    public void The_container_args_are_a_valid_run_command_line()
    {
        var args = Container["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

        var parse = OperatorCli.Create().Parse(args);

        Assert.Empty(parse.Errors);
        Assert.Equal("run", parse.CommandResult.Command.Name);
    }

    [Fact]
    public void The_container_ports_are_the_ports_run_listens_on()
    {
        var defaults = new OperatorOptions();
        var ports = Container["ports"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["containerPort"]!.GetValue<int>());

        Assert.Equal(BindAddress.Parse(defaults.MetricsBindAddress).Port, ports["metrics"]);
        Assert.Equal(BindAddress.Parse(defaults.HealthProbeBindAddress).Port, ports["health"]);
        foreach (var arg in Container["args"]!.AsArray().Select(a => a!.GetValue<string>()))
        {
            if (arg.StartsWith("--metrics-bind-address=", StringComparison.Ordinal))
            {
                Assert.Equal(ports["metrics"], BindAddress.Parse(arg.Split('=')[1]).Port);
            }

            if (arg.StartsWith("--health-probe-bind-address=", StringComparison.Ordinal))
            {
                Assert.Equal(ports["health"], BindAddress.Parse(arg.Split('=')[1]).Port);
            }
        }
    }

    [Fact]
    public void The_probes_ask_the_health_port_for_healthz_and_readyz()
    {
        Assert.Equal("/healthz", Container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("health", Container["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
        Assert.Equal("/readyz", Container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("health", Container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
    }

    [Fact]
    public void The_settings_config_map_is_mounted_read_only_where_run_reads_it()
    {
        var mount = Container["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "config")!;
        Assert.Equal("/app/config", mount["mountPath"]!.GetValue<string>());
        Assert.True(mount["readOnly"]!.GetValue<bool>());

        var volume = Deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "config")!;
        var generator = Load("kustomization.yaml")["configMapGenerator"]![0]!;
        Assert.Equal(generator["name"]!.GetValue<string>(), volume["configMap"]!["name"]!.GetValue<string>());
        Assert.Equal("operator/operator.json", generator["files"]![0]!.GetValue<string>());
        Assert.Equal("operator.json", Path.GetFileName(OperatorConfiguration.DefaultFile));
    }

    [Fact]
    public void The_config_map_carries_the_same_settings_as_config_operator_json()
    {
        // kustomize reads no file outside manifests/, so the ConfigMap has its own copy; cp config/operator.json manifests/operator/.
        Assert.Equal(
            File.ReadAllText(RepositoryRoot.Combine("config", "operator.json")),
            File.ReadAllText(RepositoryRoot.Combine("manifests", "operator", "operator.json")));
    }

    [Fact]
    public void The_service_monitor_scrapes_the_metrics_port_of_the_service()
    {
        var monitor = Load("monitoring", "service-monitor.yaml");
        var service = Load("operator", "service.yaml");
        var endpoint = monitor["spec"]!["endpoints"]![0]!;

        Assert.Equal("/metrics", endpoint["path"]!.GetValue<string>());
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == endpoint["port"]!.GetValue<string>());
        Assert.Equal(
            service["metadata"]!["labels"]!["app.kubernetes.io/name"]!.GetValue<string>(),
            monitor["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/name"]!.GetValue<string>());
        var component = File.ReadAllText(RepositoryRoot.Combine("manifests", "monitoring", "kustomization.yaml"));
        Assert.Contains("service-monitor.yaml", component, StringComparison.Ordinal);
        Assert.Contains("prometheus-rule.yaml", component, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_build_copies_the_settings()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("Dockerfile"));

        Assert.Contains("COPY config/ config/", dockerfile, StringComparison.Ordinal);
    }

    private static JsonNode Load(params string[] path) =>
        YamlJson.Parse(File.ReadAllText(RepositoryRoot.Combine(["manifests", .. path])));
}
