using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Ssm;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The SSM parameter reads over AWS JSON 1.1 (<c>X-Amz-Target: AmazonSSM.&lt;Op&gt;</c>), shapes from botocore's
/// <c>ssm/2014-11-06/service-2.json</c>. https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html
/// </summary>
internal sealed class SsmService(SimulatedCloud cloud) : IWireService
{
    private const string TargetPrefix = "AmazonSSM.";

    public WireResponse Handle(WireRequest request)
    {
        var target = request.Header("X-Amz-Target") ?? string.Empty;
        var body = Parse(request.Body);
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : string.Empty;
        var answer = operation switch
        {
            "GetParameters" => GetParameters(body),
            "GetParameter" => new JsonObject { ["Parameter"] = Parameter(cloud.Ssm.GetParameter(Required(body, "Name"))) },
            "GetParameterHistory" => GetParameterHistory(body),
            "DescribeInstanceInformation" => DescribeInstanceInformation(body),
            _ => throw new SimulatedAwsException("UnknownOperationException", 400, $"The operation '{target}' is not known to this service."),
        };
        return JsonProtocol.Ok(answer);
    }

    public WireResponse Error(string code, int statusCode, string message) => JsonProtocol.Error(code, statusCode, message);

    public WireResponse MissingAuthentication() => Error("MissingAuthenticationTokenException", 400, "Missing Authentication Token");

    private JsonObject GetParameters(JsonObject body)
    {
        var names = body["Names"] is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() : throw MissingMember("names");
        var answer = cloud.Ssm.GetParameters(names);
        return new JsonObject
        {
            ["Parameters"] = new JsonArray([.. answer.Parameters.Select(p => (JsonNode)Parameter(p))]),
            ["InvalidParameters"] = new JsonArray([.. answer.InvalidParameters.Select(n => (JsonNode)JsonValue.Create(n))]),
        };
    }

    private JsonObject GetParameterHistory(JsonObject body)
    {
        var history = cloud.Ssm.GetParameterHistory(Required(body, "Name"));
        var (page, next) = WirePage.Take(
            history,
            body["MaxResults"]?.GetValue<int>(),
            50,
            1,
            50,
            body["NextToken"]?.GetValue<string>(),
            token => new SimulatedAwsException("InvalidNextToken", 400, "The specified token is not valid."),
            n => new SimulatedAwsException(
                "ValidationException", 400, string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{n}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50")));
        var answer = new JsonObject
        {
            ["Parameters"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["Name"] = p.Name,
                ["Type"] = "String",
                ["LastModifiedDate"] = WireFormat.EpochSeconds(p.LastModifiedDate),
                ["LastModifiedUser"] = $"arn:aws:iam::{Ec2Xml.AccountId}:root",
                ["Value"] = p.Value,
                ["Version"] = p.Version,
                ["Labels"] = new JsonArray(),
                ["Tier"] = "Standard",
                ["Policies"] = new JsonArray(),
                ["DataType"] = "text",
            })]),
        };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }

        return answer;
    }

    // Filters: InstanceIds, PingStatus, PlatformType, ResourceType (or the legacy InstanceInformationFilterList with keys
    // InstanceIds, PingStatus, PlatformTypes); MaxResults 5-50, default 10.
    private JsonObject DescribeInstanceInformation(JsonObject body)
    {
        var filters = Filters(body, "Filters", "Key", "Values").Concat(Filters(body, "InstanceInformationFilterList", "key", "valueSet")).ToList();
        var matching = cloud.Ssm.DescribeInstanceInformation()
            .Where(i => filters.All(f => f.Key switch
            {
                "InstanceIds" => f.Values.Contains(i.InstanceId),
                "PingStatus" => f.Values.Contains(i.PingStatus),
                "PlatformType" or "PlatformTypes" => f.Values.Contains(i.PlatformType),
                "ResourceType" => f.Values.Contains("EC2Instance"),
                _ => throw new SimulatedAwsException("InvalidInstanceInformationFilterValue", 400, $"The filter key {f.Key} is not valid."),
            }))
            .ToList();
        var (page, next) = WirePage.Take(
            matching,
            body["MaxResults"]?.GetValue<int>(),
            10,
            5,
            50,
            body["NextToken"]?.GetValue<string>(),
            token => new SimulatedAwsException("InvalidNextToken", 400, "The specified token is not valid."),
            n => new SimulatedAwsException(
                "ValidationException", 400, string.Create(CultureInfo.InvariantCulture, $"1 validation error detected: Value '{n}' at 'maxResults' failed to satisfy constraint: Member must have value between 5 and 50")));
        var answer = new JsonObject
        {
            ["InstanceInformationList"] = new JsonArray([.. page.Select(i => (JsonNode)new JsonObject
            {
                ["InstanceId"] = i.InstanceId,
                ["PingStatus"] = i.PingStatus,
                ["LastPingDateTime"] = WireFormat.EpochSeconds(i.LastPingDateTime),
                ["AgentVersion"] = "3.3.1142.0",
                ["IsLatestVersion"] = false,
                ["PlatformType"] = i.PlatformType,
                ["PlatformName"] = i.PlatformName,
                ["PlatformVersion"] = i.PlatformType == "Windows" ? "10.0.20348" : "2023",
                ["ResourceType"] = "EC2Instance",
                ["IPAddress"] = i.IpAddress,
                ["ComputerName"] = i.ComputerName,
                ["SourceId"] = i.InstanceId,
                ["SourceType"] = "AWS::EC2::Instance",
            })]),
        };
        if (next is not null)
        {
            answer["NextToken"] = next;
        }

        return answer;
    }

    private static IEnumerable<(string Key, IReadOnlyList<string> Values)> Filters(JsonObject body, string list, string key, string values) =>
        (body[list] as JsonArray ?? []).OfType<JsonObject>().Select(f => (
            f[key]?.GetValue<string>() ?? throw MissingMember(key),
            (IReadOnlyList<string>)[.. (f[values] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? string.Empty)]));

    private JsonObject Parameter(SsmParameter p) => new()
    {
        ["Name"] = p.Name,
        ["Type"] = "String",
        ["Value"] = p.Value,
        ["Version"] = p.Version,
        ["LastModifiedDate"] = WireFormat.EpochSeconds(p.LastModifiedDate),
        ["ARN"] = Arn(p.Name),
        ["DataType"] = "text",
    };

    // Public parameters (/aws/service/...) have no account in their ARN.
    private string Arn(string name) =>
        $"arn:aws:ssm:{cloud.Options.Region}:{(name.StartsWith("/aws/service/", StringComparison.Ordinal) ? string.Empty : Ec2Xml.AccountId)}:parameter{(name.StartsWith('/') ? string.Empty : "/")}{name}";

    private static JsonObject Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new SimulatedAwsException("SerializationException", 400, "The request body is not a JSON object.");
        }
    }

    private static string Required(JsonObject body, string member) =>
        body[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw MissingMember(char.ToLowerInvariant(member[0]) + member[1..]);

    private static SimulatedAwsException MissingMember(string member) =>
        new("ValidationException", 400, $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");
}
