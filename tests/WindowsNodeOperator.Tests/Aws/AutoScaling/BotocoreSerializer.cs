using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>The form fields botocore's own Query serializer makes of an Auto Scaling operation's parameters (given as JSON).</summary>
internal static class BotocoreSerializer
{
    private const string Script = """
        import json, sys
        import botocore.session
        from botocore.serialize import create_serializer
        operation, params = sys.argv[1], json.loads(sys.stdin.read())
        model = botocore.session.get_session().get_service_model("autoscaling").operation_model(operation)
        body = create_serializer("query").serialize_to_request(params, model)["body"]
        print(json.dumps({k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in body.items()}))
        """;

    public static async Task<IReadOnlyDictionary<string, string>> SerializeAsync(string operation, JsonObject parameters)
    {
        var start = new ProcessStartInfo("python3", ["-c", Script, operation])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        await python.StandardInput.WriteAsync(parameters.ToJsonString());
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"botocore's serializer failed (python3 -m pip install botocore): {error}");
        return JsonNode.Parse(output)!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }
}
