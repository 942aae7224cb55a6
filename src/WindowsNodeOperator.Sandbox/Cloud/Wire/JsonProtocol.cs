using System.Text;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The AWS JSON 1.1 protocol's answers (SSM): a JSON body, timestamps as epoch seconds, and errors as
/// <c>{"__type":"Code","message":"..."}</c> with the error's HTTP status.
/// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
/// </summary>
internal static class JsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static WireResponse Ok(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new WireResponse(200, ContentType, Encoding.UTF8.GetBytes(body.ToJsonString()), WireFormat.NewRequestId());
    }

    public static WireResponse Error(string code, int statusCode, string message) => new(
        statusCode,
        ContentType,
        Encoding.UTF8.GetBytes(new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString()),
        WireFormat.NewRequestId());
}
