using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>botocore's model of an AWS service (Auto Scaling above all), the authoritative shape of every request and answer.</summary>
internal sealed class BotocoreModel(JsonObject model)
{
    private const string InstallHint =
        "botocore's service model was not found. Install it with `python3 -m pip install botocore` " +
        "(it comes with boto3 and moto), or set BOTOCORE_DATA to its data folder.";

    private static readonly Lazy<BotocoreModel> Loaded = new(() => Load("autoscaling", "2011-01-01"));
    private static readonly Lazy<BotocoreModel> LoadedEc2 = new(() => Load("ec2", "2016-11-15"));
    private static readonly Lazy<BotocoreModel> LoadedSsm = new(() => Load("ssm", "2014-11-06"));

    public static BotocoreModel AutoScaling => Loaded.Value;

    public static BotocoreModel Ec2 => LoadedEc2.Value;

    public static BotocoreModel Ssm => LoadedSsm.Value;

    public JsonObject Metadata => model["metadata"]!.AsObject();

    public JsonObject Operations => model["operations"]!.AsObject();

    public JsonObject Shape(string name) =>
        model["shapes"]![name]?.AsObject() ?? throw new KeyNotFoundException($"The model has no shape '{name}'.");

    public string ShapeType(string name) => (string)Shape(name)["type"]!;

    public JsonObject? Operation(string name) => Operations[name]?.AsObject();

    private static BotocoreModel Load(string service, string version) =>
        LoadFrom(Environment.GetEnvironmentVariable("BOTOCORE_DATA") is { Length: > 0 } configured ? configured : FindDataFolder(), service, version);

    /// <summary>Reads a service's model from a botocore <c>data</c> folder, failing the test with an install hint when it is not there.</summary>
    public static BotocoreModel LoadFrom(string data, string service = "autoscaling", string version = "2011-01-01")
    {
        var path = Path.Combine(data, service, version, "service-2.json.gz");
        if (!File.Exists(path))
        {
            Assert.Fail($"{InstallHint} Looked at {path}.");
        }

        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return new BotocoreModel(JsonNode.Parse(gzip)!.AsObject());
    }

    private static string FindDataFolder()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var python = Process.Start(start)!;
            var output = python.StandardOutput.ReadToEnd().Trim();
            python.WaitForExit();
            if (python.ExitCode != 0 || output.Length == 0)
            {
                Assert.Fail($"{InstallHint} python3 said: {python.StandardError.ReadToEnd().Trim()}");
            }

            return Path.Combine(output, "data");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"{InstallHint} python3 could not be run: {e.Message}");
            throw;
        }
    }
}
