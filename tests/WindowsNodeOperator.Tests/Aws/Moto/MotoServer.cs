using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;

namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>
/// A <c>moto_server</c> on a free loopback port for AWS contract tests, started once per test collection.
/// Where moto is not installed the tests fail with the command that installs it.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string Region = "us-east-1";

    private const string InstallHint = "Install it with: pip install 'moto[server]'";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly StringBuilder _output = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Dummy credentials: moto accepts any, and the SDK must never look for real ones in tests.</summary>
    public AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    public async Task InitializeAsync()
    {
        var port = FreeLoopbackPort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _process = Start(port);
        await WaitUntilAnsweringAsync();
    }

    /// <summary>Forgets every resource moto holds, so a test starts from an empty account.</summary>
    public async Task ResetAsync()
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "moto-api/reset"), content: null);
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        return Task.CompletedTask;
    }

    private Process Start(int port)
    {
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[][] candidates =
        [
            ["moto_server", "-H", "127.0.0.1", "-p", portText],
            ["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", portText],
        ];
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            var info = new ProcessStartInfo(candidate[0])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in candidate.Skip(1))
            {
                info.ArgumentList.Add(argument);
            }

            try
            {
                var process = Process.Start(info) ?? throw new InvalidOperationException($"{candidate[0]} did not start.");
                process.OutputDataReceived += (_, e) => Append(e.Data);
                process.ErrorDataReceived += (_, e) => Append(e.Data);
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                return process;
            }
            catch (Win32Exception e)
            {
                failures.Add($"{candidate[0]}: {e.Message}");
            }
        }

        throw new InvalidOperationException(
            $"moto_server could not be started ({string.Join("; ", failures)}). {InstallHint}");
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"moto_server exited with code {_process.ExitCode} before answering. {InstallHint}\n{Output()}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(Endpoint, "moto-api/data.json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (started.Elapsed > StartDeadline)
            {
                throw new InvalidOperationException(
                    $"moto_server did not answer on {Endpoint} within {StartDeadline.TotalSeconds}s.\n{Output()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
