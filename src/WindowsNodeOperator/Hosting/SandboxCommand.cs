using System.CommandLine;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Hosting;

/// <summary>`sandbox`: a simulated EKS cluster with Windows nodes, served on loopback to kubectl.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig")
        {
            Description = "Where to write the kubeconfig that kubectl and the operator use to reach the sandbox.",
            DefaultValueFactory = _ => new FileInfo("sandbox.kubeconfig"),
        };
        var port = new Option<int>("--port")
        {
            Description = "The loopback port to serve the Kubernetes API on; 0 picks a free one.",
            DefaultValueFactory = _ => 0,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var noOperator = new Option<bool>("--no-operator")
        {
            Description = "Serve the simulated cluster without running the operator against it.",
        };
        var fleet = new Option<FileInfo?>("--fleet")
        {
            Description = "A fleet description (JSON, see config/) to seed instead of the default fleet.",
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seeds the fleet's launch ages and addresses; the same seed builds the same fleet.",
        };

        var command = new Command("sandbox", "Run a simulated EKS cluster with Windows nodes and serve its Kubernetes API on 127.0.0.1.")
        {
            kubeconfig, port, noOperator, fleet, seed,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(kubeconfig)!, parse.GetValue(port), parse.GetValue(noOperator), parse.GetValue(fleet), parse.GetValue(seed),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo kubeconfig, int port, bool noOperator, FileInfo? fleetFile, int? seed, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!noOperator)
        {
            await error.WriteLineAsync(
                "sandbox: this build has no reconciler to run against the sandbox yet; " +
                "start it with --no-operator to serve the simulated cluster alone.").ConfigureAwait(false);
            return 2;
        }

        if (kubeconfig.Directory is { Exists: false } folder)
        {
            await error.WriteLineAsync($"sandbox: --kubeconfig: the folder {folder.FullName} does not exist.").ConfigureAwait(false);
            return 1;
        }

        using var loggers = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        FleetOptions options;
        try
        {
            options = fleetFile is null ? new FleetOptions() : FleetFile.Load(fleetFile.FullName);
        }
        catch (Exception e) when (e is FleetFileException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"sandbox: --fleet: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        options = options with { Seed = seed ?? options.Seed };
        SandboxCluster cluster;
        try
        {
            cluster = await SandboxCluster.StartAsync(
                new SandboxApiServerOptions { Port = port, CrdDocuments = [CrdManifest.Read()] }, options, loggers, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"sandbox: --port: cannot serve on 127.0.0.1:{port}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using var running = cluster;
        var server = cluster.Server;
        var fleet = cluster.Fleet;
        server.WriteKubeconfig(kubeconfig.FullName);

        output.WriteLine($"Sandbox Kubernetes API at {server.BaseAddress}");
        foreach (var group in options.Groups)
        {
            var count = fleet.Instances.Count(i => i.GroupName == group.Name);
            output.WriteLine($"  group {group.Name}: {count} {group.Os} nodes");
        }

        output.WriteLine($"  {fleet.Pods} pods");
        output.WriteLine($"Kubeconfig written to {kubeconfig.FullName}; try:");
        output.WriteLine($"  export KUBECONFIG={kubeconfig.FullName}");
        output.WriteLine("  kubectl apply -f manifests/samples/ && kubectl get wnp,nodes");
        output.WriteLine("Serving until Ctrl+C.");

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop serving.
        }

        return 0;
    }
}
