using System.Diagnostics;
using WindowsNodeOperator.Benchmarks.Fleet;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The sandbox program and the operator's own `run` as separate processes in one scratch folder, as in production: the
/// sandbox writes a kubeconfig and the AWS endpoint settings, kubectl applies a policy, each `run` reaches the cluster and
/// the account through them, with leader election on. Disposing kills every process started.
/// </summary>
internal sealed class SandboxProcesses : IDisposable
{
    public static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(60);

    public const string Policy = """
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

    public static readonly string[] ManagedGroups = ["eks-windows-a", "eks-windows-b"];

    private readonly string _dir = Directory.CreateTempSubdirectory("separate-").FullName;
    private readonly List<ChildProcess> _runs = [];

    private SandboxProcesses(IEnumerable<string> sandboxArgs)
    {
        Sandbox = ChildProcess.Start(
            "WindowsNodeOperator.Sandbox.dll",
            ["--no-operator", .. sandboxArgs, "--kubeconfig", Kubeconfig, "--aws-env", Path.Combine(_dir, "aws.env")]);
        Kubectl = new Kubectl(Kubeconfig, Path.Combine(_dir, "cache"));
    }

    public ChildProcess Sandbox { get; }

    public Kubectl Kubectl { get; }

    /// <summary>The environment a `run` needs to reach the sandbox's account (read once it serves).</summary>
    public Dictionary<string, string?> Environment { get; private set; } = [];

    public string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    /// <summary>Starts the sandbox program with <paramref name="fleet"/> (a file of config/) and <paramref name="args"/>, and applies the policy once it serves.</summary>
    public static async Task<SandboxProcesses> StartAsync(string fleet, params string[] args)
    {
        var world = new SandboxProcesses(["--fleet", RepositoryRoot.Combine("config", fleet), .. args]);
        try
        {
            await world.Sandbox.WaitForLineAsync("Serving until Ctrl+C.", StartWithin);
            var apply = await world.Kubectl.RunWithInputAsync(Policy, "apply", "-f", "-");
            Assert.True(apply.ExitCode == 0, apply.ToString());
            world.Environment = AwsEnvFile.Read(Path.Combine(world._dir, "aws.env"));
            world.Environment["WNO_Operator__LeaseNamespace"] = "kube-system";
            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the operator's `run` with leader election; <paramref name="environment"/> is added to the account's, and
    /// <paramref name="kubeconfig"/> replaces the sandbox's.
    /// </summary>
    public ChildProcess StartRun(IReadOnlyDictionary<string, string?>? environment = null, string? kubeconfig = null)
    {
        var merged = new Dictionary<string, string?>(Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        var run = ChildProcess.Start(
            "WindowsNodeOperator.dll",
            ["run", "--kubeconfig", kubeconfig ?? Kubeconfig, "--leader-elect", "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "127.0.0.1:0"],
            merged);
        _runs.Add(run);
        return run;
    }

    /// <summary>SIGKILL: the run dies at once, its sockets closed by the kernel, nothing flushed or handed over.</summary>
    public void Kill(ChildProcess run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs.Remove(run);
        run.Dispose();
    }

    /// <summary>A copy of the sandbox's kubeconfig whose user carries <paramref name="token"/>: a second client the sandbox tells apart.</summary>
    public string KubeconfigWithToken(string name, string token)
    {
        var path = Path.Combine(_dir, name);
        var lines = File.ReadAllLines(Kubeconfig).Select(l => l.TrimStart().StartsWith("token: ", StringComparison.Ordinal) ? l[..l.IndexOf("token: ", StringComparison.Ordinal)] + "token: " + token : l);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>kubectl waits for the policy Ready; its status then counts <paramref name="total"/> nodes, none expired or drifted.</summary>
    public async Task WaitReplacedAsync(int total, TimeSpan within)
    {
        using var wait = Kubectl.Start(["wait", "--for=condition=Ready", "wnp", "--all", $"--timeout={within.TotalSeconds:0}s"]);
        var waited = wait.StandardOutput.ReadToEndAsync();
        await wait.WaitForExitAsync().WaitAsync(within + TimeSpan.FromSeconds(30));
        Assert.True(wait.ExitCode == 0, $"kubectl wait: {await waited}{await wait.StandardError.ReadToEndAsync()}");

        var counts = await Kubectl.RunAsync("get", "wnp", "windows-fast", "-o", "jsonpath={.status.nodes.total} {.status.nodes.expired} {.status.nodes.drifted}");
        Assert.Equal($"{total} 0 0", counts.Stdout.Trim());
    }

    /// <summary>No node is left cordoned.</summary>
    public async Task AssertNoneCordonedAsync()
    {
        var cordoned = await Kubectl.RunAsync("get", "nodes", "-o", "jsonpath={.items[*].spec.unschedulable}");
        Assert.True(cordoned.ExitCode == 0, cordoned.ToString());
        Assert.DoesNotContain("true", cordoned.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs a Python script with boto3 against the sandbox's account; its lines of output.</summary>
    public async Task<string[]> Boto3Async(string script)
    {
        var python = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in Environment)
        {
            python.Environment[name] = value;
        }

        using var boto3 = Process.Start(python)!;
        var lines = boto3.StandardOutput.ReadToEndAsync();
        var errors = boto3.StandardError.ReadToEndAsync();
        await boto3.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(boto3.ExitCode == 0, $"boto3: {await errors}");
        return (await lines).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Kills every run and the sandbox even when one of them fails to go, then removes the folder.</summary>
    public void Dispose()
    {
        try
        {
            foreach (var run in _runs)
            {
                run.Dispose();
            }
        }
        finally
        {
            Sandbox.Dispose();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
