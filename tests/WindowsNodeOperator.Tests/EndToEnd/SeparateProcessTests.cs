using WindowsNodeOperator.Benchmarks.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator and the sandbox as two programs, as in production: the sandbox program serves a cluster and an AWS
/// account (the fast fleet, real time), and the operator's own `run` reaches them through a kubeconfig and the AWS
/// endpoint settings the sandbox writes, with leader election on, over real sockets.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class SeparateProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplaceWithin = TimeSpan.FromMinutes(8);

    private const string Policy = """
        apiVersion: windowsnode.io/v1alpha1
        kind: WindowsNodePolicy
        metadata:
          name: windows-fast
        spec:
          autoScalingGroups:
            tags:
              windowsnode.io/managed: "true"
          ami:
            windowsVersion: "2022"
            soakTime: 1h
          refresh:
            instanceWarmup: 10s
            concurrentGroups: 2
          disruption:
            maxUnavailable: "50%"
        """;

    private const string CountRefreshes = """
        import boto3
        client = boto3.client("autoscaling")
        for group in ("eks-windows-a", "eks-windows-b"):
            refreshes = client.describe_instance_refreshes(AutoScalingGroupName=group)["InstanceRefreshes"]
            print(group, len(refreshes), ",".join(r["Status"] for r in refreshes))
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("separate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_operators_run_replaces_the_fleet_of_a_sandbox_in_another_process()
    {
        using var sandbox = StartSandbox();
        ChildProcess? run = null;
        try
        {
            var (kubectl, environment) = await ApplyPolicyAsync(sandbox);
            run = StartRun(environment);
            await run.WaitForLineAsync("Started leading", StartWithin);

            await WaitReplacedAsync(kubectl);
        }
        finally
        {
            output.WriteLine("--- sandbox\n" + sandbox.Output);
            output.WriteLine("--- run\n" + run?.Output);
            run?.Dispose();
        }
    }

    /// <summary>
    /// The operator's process killed with SIGKILL in the middle of a drain (right after it logs its first eviction), and a
    /// second process taking over the Lease and finishing: every node replaced, none left cordoned, one refresh per group
    /// (boto3 asks the sandbox's account).
    /// </summary>
    [Fact]
    public async Task The_operators_run_killed_mid_drain_is_succeeded_by_another_process_that_finishes_with_one_refresh_per_group()
    {
        using var sandbox = StartSandbox();
        ChildProcess? first = null;
        ChildProcess? second = null;
        string? killedOutput = null;
        try
        {
            var (kubectl, environment) = await ApplyPolicyAsync(sandbox);
            first = StartRun(environment);
            await first.WaitForLineAsync("Evicted pod", ReplaceWithin);
            killedOutput = first.Output;
            first.Dispose();
            first = null;

            second = StartRun(environment);
            await second.WaitForLineAsync("Started leading", StartWithin);
            await WaitReplacedAsync(kubectl);
            var cordoned = await kubectl.RunAsync("get", "nodes", "-o", "jsonpath={.items[*].spec.unschedulable}");
            Assert.DoesNotContain("true", cordoned.Stdout, StringComparison.Ordinal);

            var python = new System.Diagnostics.ProcessStartInfo("python3", ["-c", CountRefreshes]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var (name, value) in environment)
            {
                python.Environment[name] = value;
            }

            using var boto3 = System.Diagnostics.Process.Start(python)!;
            var refreshes = await boto3.StandardOutput.ReadToEndAsync();
            var errors = await boto3.StandardError.ReadToEndAsync();
            await boto3.WaitForExitAsync();
            Assert.True(boto3.ExitCode == 0, $"boto3: {errors}");
            Assert.Equal(["eks-windows-a 1 Successful", "eks-windows-b 1 Successful"], refreshes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            output.WriteLine("--- sandbox\n" + sandbox.Output);
            output.WriteLine("--- first run (killed)\n" + (killedOutput ?? first?.Output));
            output.WriteLine("--- second run\n" + second?.Output);
            first?.Dispose();
            second?.Dispose();
        }
    }

    private string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    private string AwsEnv => Path.Combine(_dir, "aws.env");

    private ChildProcess StartSandbox() => ChildProcess.Start(
        "WindowsNodeOperator.Sandbox.dll",
        ["--no-operator", "--fleet", RepositoryRoot.Combine("config", "sandbox-fleet-fast.json"), "--kubeconfig", Kubeconfig, "--aws-env", AwsEnv]);

    /// <summary>Once the sandbox serves, applies the policy with kubectl; the environment a `run` needs to reach its account.</summary>
    private async Task<(Kubectl Kubectl, Dictionary<string, string?> Environment)> ApplyPolicyAsync(ChildProcess sandbox)
    {
        await sandbox.WaitForLineAsync("Serving until Ctrl+C.", StartWithin);
        var kubectl = new Kubectl(Kubeconfig, Path.Combine(_dir, "cache"));
        var apply = await kubectl.RunWithInputAsync(Policy, "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var environment = AwsEnvFile.Read(AwsEnv);
        environment["WNO_Operator__LeaseNamespace"] = "kube-system";
        return (kubectl, environment);
    }

    private ChildProcess StartRun(Dictionary<string, string?> environment) => ChildProcess.Start(
        "WindowsNodeOperator.dll",
        ["run", "--kubeconfig", Kubeconfig, "--leader-elect", "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "127.0.0.1:0"],
        environment);

    /// <summary>kubectl waits for the policy Ready; its status then counts every node replaced.</summary>
    private static async Task WaitReplacedAsync(Kubectl kubectl)
    {
        using var wait = kubectl.Start(["wait", "--for=condition=Ready", "wnp", "--all", $"--timeout={ReplaceWithin.TotalSeconds:0}s"]);
        var waited = wait.StandardOutput.ReadToEndAsync();
        await wait.WaitForExitAsync().WaitAsync(ReplaceWithin + TimeSpan.FromSeconds(30));
        Assert.True(wait.ExitCode == 0, $"kubectl wait: {await waited}{await wait.StandardError.ReadToEndAsync()}");

        var counts = await kubectl.RunAsync("get", "wnp", "windows-fast", "-o", "jsonpath={.status.nodes.total} {.status.nodes.expired} {.status.nodes.drifted}");
        Assert.Equal("12 0 0", counts.Stdout.Trim());
    }
}
