using System.CommandLine;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Sandbox.Calls;
using WindowsNodeOperator.Sandbox.Hosting.Clock;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>The sandbox program's command line: a simulated EKS cluster with Windows nodes, served on loopback to kubectl, and the real operator running against it.</summary>
internal static class SandboxCommand
{
    public static RootCommand Create()
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig")
        {
            Description = "Where to write the kubeconfig that kubectl and the operator use to reach the sandbox.",
            DefaultValueFactory = _ => new FileInfo("sandbox.kubeconfig"),
        };
        var port = PortOption("--port", "The loopback port to serve the Kubernetes API on; 0 picks a free one.");
        var metricsPort = PortOption("--metrics-port", "The loopback port of the operator's /metrics; 0 picks a free one (printed at start).");
        var noOperator = new Option<bool>("--no-operator") { Description = "Serve the simulated cluster without running the operator against it." };
        var noSample = new Option<bool>("--no-sample") { Description = "Do not apply manifests/samples/windowsnodepolicy.yaml at start." };
        var noNewAmi = new Option<bool>("--no-new-ami") { Description = "Do not publish a newer Windows AMI at start (then only nodes past 45 days are replaced)." };
        var speed = new Option<double>("--speed")
        {
            Description = "Run the sandbox clock this many times faster than real time (timers too), e.g. 60: an hour a minute.",
            DefaultValueFactory = _ => 1,
        };
        speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 10_000))
            {
                result.AddError("--speed must be above 0 and at most 10000.");
            }
        });
        var fleet = new Option<FileInfo?>("--fleet") { Description = "A fleet description (JSON, see config/) to seed instead of the default fleet." };
        var seed = new Option<int?>("--seed") { Description = "Seeds the fleet's launch ages and addresses; the same seed builds the same fleet." };
        var exitWhenDone = new Option<bool>("--exit-when-done")
        {
            Description = "Exit (code 0) once every policy is Ready with nothing left to replace, after printing the summary.",
        };
        var awsEnv = new Option<FileInfo?>("--aws-env")
        {
            Description = "Write a file of export lines (AWS_ENDPOINT_URL, region, throwaway keys) that points the AWS CLI, boto3 or the operator's `run` at the simulated account: source it in another terminal.",
        };
        var holdAt = new Option<string?>("--hold-at")
        {
            Description = "Stop the world at the first call the operator makes at this step (print `held: POINT`, never answer it; "
                + "after-*, mid-eviction and blocked-drain apply the call first, before-* and during-* do not), so a test can kill "
                + "the operator there; meant with --no-operator. One of: "
                + string.Join(", ", HoldPoints.All.Select(p => p.Name)) + ".",
        };
        holdAt.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } name && HoldPoints.Find(name) is null)
            {
                result.AddError($"--hold-at: '{name}' is not a hold point; one of: {string.Join(", ", HoldPoints.All.Select(p => p.Name))}.");
            }
        });
        var printWrites = new Option<bool>("--print-writes")
        {
            Description = "Print one line per write the Kubernetes API server or the AWS account answers: `write: CLIENT STATUS WHAT`, "
                + "the client as aws:ACCESS-KEY-ID or k8s: and a digest of its bearer token.",
        };

        var command = new RootCommand("Run a simulated EKS cluster with Windows nodes and a simulated AWS account on 127.0.0.1, and the operator against them.")
        {
            kubeconfig, port, noOperator, noSample, noNewAmi, speed, metricsPort, fleet, seed, awsEnv, exitWhenDone, holdAt, printWrites,
        };
        command.SetAction((parse, ct) => RunAsync(
            new SandboxSettings(
                parse.GetValue(kubeconfig)!, parse.GetValue(port), parse.GetValue(noOperator), parse.GetValue(fleet), parse.GetValue(seed),
                parse.GetValue(noSample), parse.GetValue(noNewAmi), parse.GetValue(speed), parse.GetValue(metricsPort), parse.GetValue(awsEnv), parse.GetValue(exitWhenDone),
                parse.GetValue(holdAt), parse.GetValue(printWrites)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    private static Option<int> PortOption(string name, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => 0 };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"{name} must be between 0 and 65535.");
            }
        });
        return option;
    }

    private static async Task<int> RunAsync(SandboxSettings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (settings.Kubeconfig.Directory is { Exists: false } folder)
        {
            await error.WriteLineAsync($"sandbox: --kubeconfig: the folder {folder.FullName} does not exist.").ConfigureAwait(false);
            return 1;
        }

        if (settings.AwsEnv?.Directory is { Exists: false } envFolder)
        {
            await error.WriteLineAsync($"sandbox: --aws-env: the folder {envFolder.FullName} does not exist.").ConfigureAwait(false);
            return 1;
        }

        FleetOptions options;
        try
        {
            options = settings.Fleet is null ? new FleetOptions() : FleetFile.Load(settings.Fleet.FullName);
        }
        catch (Exception e) when (e is FleetFileException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"sandbox: --fleet: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        options = options with { Seed = settings.Seed ?? options.Seed };
        TimeProvider time = settings.Speed == 1 ? TimeProvider.System : new AcceleratedTimeProvider(TimeProvider.System, settings.Speed);
        using var loggers = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        var calls = new CallWatch(settings.HoldAt is { } point ? HoldPoints.Find(point) : null, settings.PrintWrites, output, ct);
        SandboxCluster cluster;
        try
        {
            cluster = await SandboxCluster.StartAsync(
                new SandboxApiServerOptions { Port = settings.Port, CrdDocuments = [CrdManifest.Read()], TimeProvider = time, Calls = calls },
                options, loggers, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"sandbox: --port: cannot serve on 127.0.0.1:{settings.Port}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using var running = cluster;
        await using var awsServer = await SimulatedAwsServer.StartAsync(cluster.Cloud, calls, ct: ct).ConfigureAwait(false);
        var aws = new SandboxAwsEndpoint(awsServer.BaseAddress, cluster.Options.Region, cluster.Options.ClusterName);
        var kubeconfig = settings.Kubeconfig.FullName;
        cluster.Server.WriteKubeconfig(kubeconfig);
        await PrintClusterAsync(cluster, aws, output).ConfigureAwait(false);
        if (settings.AwsEnv is { } envFile)
        {
            await File.WriteAllLinesAsync(envFile.FullName, aws.ExportLines(), ct).ConfigureAwait(false);
            await output.WriteLineAsync($"AWS environment written to {envFile.FullName}; in another terminal: source {envFile.FullName} && aws autoscaling describe-auto-scaling-groups").ConfigureAwait(false);
        }

        if (!settings.NoNewAmi)
        {
            foreach (var windowsVersion in SandboxOperator.WindowsVersions(cluster.Options))
            {
                var ami = SandboxOperator.PublishNewAmi(cluster, time, windowsVersion);
                await output.WriteLineAsync(
                    $"  new Windows AMI {ami} (Windows Server {windowsVersion}) published (released {SandboxOperator.NewAmiAge.TotalDays:0} days ago)").ConfigureAwait(false);
            }
        }

        if (settings.NoOperator)
        {
            await PrintTryAsync(output, kubeconfig, "kubectl apply -f manifests/samples/ && kubectl get wnp,nodes").ConfigureAwait(false);
            await ProgressLoop.RunAsync(cluster, time, settings.ExitWhenDone, output, ct).ConfigureAwait(false);
            return 0;
        }

        return await RunOperatorAsync(cluster, aws, settings, time, output, error, ct).ConfigureAwait(false);
    }

    private static async Task<int> RunOperatorAsync(
        SandboxCluster cluster, SandboxAwsEndpoint aws, SandboxSettings settings, TimeProvider time, TextWriter output, TextWriter error, CancellationToken ct)
    {
        IHost host;
        try
        {
            host = SandboxOperator.Build(aws, time, settings.Kubeconfig.FullName, settings.MetricsPort, cluster.Options.ClusterName);
            await host.StartAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OptionsValidationException or IOException)
        {
            await error.WriteLineAsync($"sandbox: the operator did not start: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using (host)
        {
            await output.WriteLineAsync($"Operator running; metrics at {SandboxOperator.MetricsAddress(host)}metrics").ConfigureAwait(false);
            if (settings.Speed != 1)
            {
                await output.WriteLineAsync($"  sandbox clock at {settings.Speed:0.##}x real time").ConfigureAwait(false);
            }

            if (!settings.NoSample)
            {
                await SandboxSample.ApplyAsync(host.Services.GetRequiredService<IKubernetes>(), ct).ConfigureAwait(false);
                await output.WriteLineAsync($"  sample policy {SandboxSample.Name} applied").ConfigureAwait(false);
            }

            await PrintTryAsync(output, settings.Kubeconfig.FullName, "kubectl get wnp,nodes -w").ConfigureAwait(false);
            await ProgressLoop.RunAsync(cluster, time, settings.ExitWhenDone, output, ct).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task PrintClusterAsync(SandboxCluster cluster, SandboxAwsEndpoint aws, TextWriter output)
    {
        await output.WriteLineAsync($"Sandbox Kubernetes API at {cluster.Server.BaseAddress}").ConfigureAwait(false);
        await output.WriteLineAsync($"Simulated AWS account ({aws.Region}: EC2, Auto Scaling, SSM) at {aws.Url}").ConfigureAwait(false);
        foreach (var group in cluster.Options.Groups)
        {
            var count = cluster.Fleet.Instances.Count(i => i.GroupName == group.Name);
            await output.WriteLineAsync($"  group {group.Name}: {count} {group.Os} nodes").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"  {cluster.Fleet.Pods} pods").ConfigureAwait(false);
    }

    private static async Task PrintTryAsync(TextWriter output, string kubeconfig, string command)
    {
        await output.WriteLineAsync($"Kubeconfig written to {kubeconfig}; try:").ConfigureAwait(false);
        await output.WriteLineAsync($"  export KUBECONFIG={kubeconfig}").ConfigureAwait(false);
        await output.WriteLineAsync($"  {command}").ConfigureAwait(false);
        await output.WriteLineAsync("Serving until Ctrl+C.").ConfigureAwait(false);
    }
}
