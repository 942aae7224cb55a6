using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace WindowsNodeOperator.Tests.Aws.Iam;

/// <summary>
/// The operator's IAM policy as shipped: <c>manifests/aws/iam-policy.yaml</c>, a CloudFormation template whose policy
/// document is a <c>Fn::Sub</c> string, rendered here with install-time values the way CloudFormation renders it.
/// </summary>
internal sealed partial class ShippedIamPolicy
{
    public const string Cluster = "prod";
    public const string NodeRole = "arn:aws:iam::111122223333:role/prod-windows-nodes";

    public static string TemplatePath => RepositoryRoot.Combine("manifests", "aws", "iam-policy.yaml");

    private ShippedIamPolicy(IReadOnlyList<string> parameters, string documentTemplate, JsonObject document)
    {
        Parameters = parameters;
        DocumentTemplate = documentTemplate;
        Document = document;
    }

    /// <summary>The template's parameters, in order.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The policy document before substitution.</summary>
    public string DocumentTemplate { get; }

    public JsonObject Document { get; }

    public IEnumerable<JsonObject> Statements => Document["Statement"]!.AsArray().Select(s => s!.AsObject());

    /// <summary>Every action an Allow statement names.</summary>
    public IReadOnlySet<string> AllowedActions =>
        Statements.Where(s => (string?)s["Effect"] == "Allow").SelectMany(s => Strings(s["Action"])).ToHashSet(StringComparer.Ordinal);

    public static ShippedIamPolicy Load(string cluster = Cluster, string nodeRole = NodeRole, string partition = "aws")
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(TemplatePath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var parameters = ((YamlMappingNode)root["Parameters"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var properties = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["Resources"])["OperatorPolicy"])["Properties"];
        var template = ((YamlScalarNode)((YamlMappingNode)properties["PolicyDocument"])["Fn::Sub"]).Value!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ClusterName"] = cluster,
            ["NodeRoleArn"] = nodeRole,
            ["AWS::Partition"] = partition,
        };
        var rendered = Variable().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"the policy refers to ${{{m.Groups[1].Value}}}, which is no parameter of the template"));
        return new ShippedIamPolicy(parameters, template, JsonNode.Parse(rendered)!.AsObject());
    }

    /// <summary>
    /// Whether an Allow statement grants the request (the policy has no Deny). The evaluation covers what the shipped
    /// policy uses: Action with wildcards, Resource and NotResource as ARN patterns, and the StringEquals and ArnLike
    /// condition operators, a key absent from the request failing its condition (IAM's rule without ...IfExists).
    /// </summary>
    public bool Allows(IamRequest request) => Statements.Any(s =>
        (string?)s["Effect"] == "Allow"
        && Strings(s["Action"]).Any(a => Like(a, request.Action, ignoreCase: true))
        && (s["Resource"] is { } resources
            ? Strings(resources).Any(r => Like(r, request.Resource, ignoreCase: false))
            : !Strings(s["NotResource"]).Any(r => Like(r, request.Resource, ignoreCase: false)))
        && ConditionsHold(s["Condition"] as JsonObject, request.Context));

    private static bool ConditionsHold(JsonObject? condition, IReadOnlyDictionary<string, string> context) =>
        condition is null || condition.All(op => op.Value!.AsObject().All(test =>
            context.TryGetValue(test.Key, out var actual) && Strings(test.Value).Any(expected => op.Key switch
            {
                "StringEquals" => string.Equals(expected, actual, StringComparison.Ordinal),
                "ArnLike" => Like(expected, actual, ignoreCase: false),
                _ => throw new NotSupportedException($"condition operator {op.Key} is not evaluated here"),
            })));

    private static bool Like(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => (string)n!),
        _ => [(string)node!],
    };

    [GeneratedRegex(@"\$\{([A-Za-z:]+)\}")]
    private static partial Regex Variable();
}

/// <summary>One authorization request: the action, the resource's ARN and the condition keys AWS sends with it.</summary>
internal sealed record IamRequest(string Action, string Resource, IReadOnlyDictionary<string, string> Context)
{
    public IamRequest(string action, string resource, params (string Key, string Value)[] context)
        : this(action, resource, context.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal))
    {
    }
}
