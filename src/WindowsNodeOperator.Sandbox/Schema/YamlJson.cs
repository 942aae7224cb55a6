using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Converts YAML documents to JSON the way kubectl and kube-apiserver read manifests (YAML 1.1 scalars, as go-yaml v2):
/// plain true/yes/on become booleans, plain numbers become numbers, quoted scalars always stay strings.
/// </summary>
public static partial class YamlJson
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Every non-empty document of a (possibly multi-document) YAML text.</summary>
    public static IReadOnlyList<JsonNode> ParseDocuments(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"Invalid YAML: {ex.Message}", ex);
        }

        return stream.Documents
            .Select(d => Convert(d.RootNode))
            .OfType<JsonNode>()
            .ToList();
    }

    /// <summary>The single document of a YAML text.</summary>
    public static JsonNode Parse(string yaml)
    {
        var documents = ParseDocuments(yaml);
        return documents.Count == 1
            ? documents[0]
            : throw new FormatException($"Expected one YAML document, found {documents.Count}.");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new FormatException($"Unsupported YAML node at {node.Start}."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? string.Empty
                : throw new FormatException($"Mapping keys must be scalars (at {key.Start}).");
            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return JsonValue.Create(text);
        }

        return ResolvePlain(text);
    }

    private static JsonValue? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (DecimalInteger().IsMatch(plain) && long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (PrefixedInteger().Match(plain) is { Success: true } prefixed)
        {
            var radix = prefixed.Groups["prefix"].Value switch { "0x" => 16, "0b" => 2, _ => 8 };
            try
            {
                var magnitude = System.Convert.ToInt64(prefixed.Groups["digits"].Value, radix);
                return JsonValue.Create(prefixed.Groups["sign"].Value == "-" ? -magnitude : magnitude);
            }
            catch (OverflowException)
            {
                return JsonValue.Create(text);
            }
        }

        if (Float().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$", RegexOptions.ECMAScript)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<prefix>0x)(?<digits>[0-9a-fA-F]+)|(?<prefix>0b)(?<digits>[01]+)|(?<prefix>0)(?<digits>[0-7]+))$")]
    private static partial Regex PrefixedInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.ECMAScript)]
    private static partial Regex Float();
}
