using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;

namespace WindowsNodeOperator.Hosting;

/// <summary>`run`: the operator in a cluster, configured from config/operator.json, WNO_ variables and these options.</summary>
internal static class RunCommand
{
    public static Command Create(OperatorComposition composition)
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "The settings file (JSON); defaults to config/operator.json beside the binary (/app/config in the image).",
        };
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "A kubeconfig to reach the cluster with; without it, the pod's service account (in-cluster) or KUBECONFIG. Operator:Kubeconfig.",
        };
        var leaderElect = new Option<bool?>("--leader-elect")
        {
            Description = "Run controllers only while holding the Lease 'windows-node-operator' in POD_NAMESPACE (default true). Operator:LeaderElect.",
        };
        var metrics = new Option<string?>("--metrics-bind-address")
        {
            Description = "Where /metrics listens (default :8080). Operator:MetricsBindAddress.",
        };
        var health = new Option<string?>("--health-probe-bind-address")
        {
            Description = "Where /healthz and /readyz listen (default :8081). Operator:HealthProbeBindAddress.",
        };
        var logFormat = new Option<LogFormat?>("--log-format")
        {
            Description = "Simple or Json console logs (default Simple). Operator:LogFormat.",
        };

        var command = new Command("run", "Run the operator against a cluster (in-cluster credentials or --kubeconfig) and real AWS.")
        {
            config, kubeconfig, leaderElect, metrics, health, logFormat,
        };
        command.SetAction((parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Put(overrides, nameof(OperatorOptions.Kubeconfig), parse.GetValue(kubeconfig));
            Put(overrides, nameof(OperatorOptions.LeaderElect), parse.GetValue(leaderElect)?.ToString());
            Put(overrides, nameof(OperatorOptions.MetricsBindAddress), parse.GetValue(metrics));
            Put(overrides, nameof(OperatorOptions.HealthProbeBindAddress), parse.GetValue(health));
            Put(overrides, nameof(OperatorOptions.LogFormat), parse.GetValue(logFormat)?.ToString());
            return RunAsync(parse.GetValue(config)?.FullName, overrides, composition,
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
        });
        return command;
    }

    /// <summary>Builds, starts and runs the host until <paramref name="ct"/> (SIGTERM, Ctrl+C) stops it; 1 for bad settings.</summary>
    public static async Task<int> RunAsync(
        string? configFile, IDictionary<string, string?> overrides, OperatorComposition composition, TextWriter output, TextWriter error, CancellationToken ct)
    {
        IHost host;
        try
        {
            host = OperatorHost.Build(OperatorConfiguration.Build(configFile, overrides), composition);
        }
        catch (Exception e) when (e is OptionsValidationException or FileNotFoundException or InvalidOperationException or InvalidDataException)
        {
            await ReportAsync(error, e).ConfigureAwait(false);
            return 1;
        }

        using (host)
        {
            try
            {
                await host.StartAsync(ct).ConfigureAwait(false);
            }
            catch (OptionsValidationException e)
            {
                await ReportAsync(error, e).ConfigureAwait(false);
                return 1;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }

            // A person at a terminal gets the addresses; a JSON log stream stays pure JSON (the host logs them too).
            var endpoints = host.Services.GetRequiredService<OperatorEndpoints>();
            if (host.Services.GetRequiredService<IOptions<OperatorOptions>>().Value.LogFormat == LogFormat.Simple)
            {
                await output.WriteLineAsync($"Metrics at {endpoints.MetricsAddress}metrics").ConfigureAwait(false);
                await output.WriteLineAsync($"Health probes at {endpoints.HealthAddress}healthz and {endpoints.HealthAddress}readyz").ConfigureAwait(false);
            }

            await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }

        return 0;
    }

    private static void Put(Dictionary<string, string?> overrides, string setting, string? value)
    {
        if (value is not null)
        {
            overrides[$"{OperatorOptions.Section}:{setting}"] = value;
        }
    }

    private static async Task ReportAsync(TextWriter error, Exception e)
    {
        await error.WriteLineAsync("run: the operator's settings are not valid:").ConfigureAwait(false);
        var messages = e is OptionsValidationException invalid ? invalid.Failures : [e.InnerException?.Message is { } inner ? $"{e.Message} {inner}" : e.Message];
        foreach (var message in messages)
        {
            await error.WriteLineAsync($"  {message}").ConfigureAwait(false);
        }
    }
}
