using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using WindowsNodeOperator.Sandbox.Hosting;

namespace WindowsNodeOperator.Tests.Hosting;

public sealed class SandboxCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-command-").FullName;
    private readonly LineWatchingWriter _output = new("Serving until Ctrl+C.");
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    [Theory]
    [InlineData("70000")]
    [InlineData("-1")]
    public void A_port_out_of_range_is_refused_naming_the_option(string port)
    {
        var parse = SandboxCommand.Create().Parse(["--no-operator", "--port", port]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal("--port must be between 0 and 65535.", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("20000")]
    public void A_speed_out_of_range_is_refused_naming_the_option(string speed)
    {
        var parse = SandboxCommand.Create().Parse(["--speed", speed]);

        var error = Assert.Single(parse.Errors);
        Assert.Equal("--speed must be above 0 and at most 10000.", error.Message);
    }

    [Fact]
    public void A_hold_point_not_in_the_vocabulary_is_refused_naming_the_option_and_the_points()
    {
        var parse = SandboxCommand.Create().Parse(["--no-operator", "--hold-at", "nowhere"]);

        var error = Assert.Single(parse.Errors);
        Assert.StartsWith("--hold-at: 'nowhere' is not a hold point; one of: after-launch-template-version, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("during-launch-gate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_in_a_missing_folder_is_refused_naming_the_option()
    {
        var exit = await InvokeAsync(["--no-operator", "--kubeconfig", Path.Combine(_dir, "missing", "k")], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("--kubeconfig", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_file_that_does_not_read_is_refused_naming_the_option_and_the_field()
    {
        var fleet = Path.Combine(_dir, "fleet.json");
        await File.WriteAllTextAsync(fleet, """{ "groups": [ { "name": "a", "os": "Windows", "size": -1, "maxAgeDays": 1, "tags": {} } ] }""");

        var exit = await InvokeAsync(["--no-operator", "--fleet", fleet, "--kubeconfig", Path.Combine(_dir, "k")], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"--fleet: {fleet}: groups[0].size", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_refused_naming_the_option()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var exit = await InvokeAsync(["--no-operator", "--port", $"{port}", "--kubeconfig", Path.Combine(_dir, "k")], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"--port: cannot serve on 127.0.0.1:{port}", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_serves_the_seeded_cluster_to_kubectl_until_cancelled()
    {
        var kubeconfig = Path.Combine(_dir, "sandbox.kubeconfig");
        using var stop = new CancellationTokenSource();
        var run = InvokeAsync(["--no-operator", "--kubeconfig", kubeconfig], stop.Token);

        var started = await Task.WhenAny(_output.Seen, run).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(started == _output.Seen, _error.ToString());

        var nodes = await new Kubectl(kubeconfig, Path.Combine(_dir, "cache")).RunAsync("get", "nodes", "-l", "kubernetes.io/os=windows", "-o", "name");
        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.Equal(14, nodes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    private Task<int> InvokeAsync(string[] args, CancellationToken ct) =>
        SandboxCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error }, ct);

    /// <summary>Collects output and completes <see cref="Seen"/> once a given line has been written.</summary>
    private sealed class LineWatchingWriter(string line) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value == line)
            {
                _seen.TrySetResult();
            }
        }
    }
}
