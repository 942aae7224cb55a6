using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>Runs a Python script that drives boto3, and reads the JSON it prints. Without python3 or boto3 the test fails and says how to install them.</summary>
internal static class Boto3Script
{
    public const string InstallHint = "Install boto3 with: apt-get install -y python3-boto3 (or python3 -m pip install boto3).";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static async Task<JsonObject> RunAsync(string script, params string[] arguments)
    {
        var check = await RunPythonAsync(["-c", "import boto3"]);
        if (check.ExitCode != 0)
        {
            Assert.Fail($"python3 cannot import boto3 ({check.Error.Trim()}). {InstallHint}");
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Cloud", "Wire", script);
        var run = await RunPythonAsync([path, .. arguments]);
        Assert.True(run.ExitCode == 0, $"{script} failed with exit code {run.ExitCode}:\n{run.Error}\n{run.Output}");
        return JsonNode.Parse(run.Output)!.AsObject();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunPythonAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // No shared config, profile or instance metadata: the script's explicit settings are all there is.
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"python3 could not be started ({e.Message}). Install python3 and boto3: apt-get install -y python3 python3-boto3.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Deadline);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
    }
}
