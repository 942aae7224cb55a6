using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>intstr.GetScaledValueFromIntOrPercent: an int as is, or a percent of a total.</summary>
internal static class IntOrPercent
{
    public static bool IsInt(JsonNode value) => value.GetValueKind() == JsonValueKind.Number;

    /// <exception cref="FormatException">Neither an integer nor a "N%" string.</exception>
    public static int Scaled(JsonNode value, int total, bool roundUp)
    {
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return (int)(PodFacts.Number(value) ?? throw new FormatException("invalid value for IntOrString: not an integer"));
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (!text.EndsWith('%') || !int.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
        {
            throw new FormatException($"invalid value for IntOrString: invalid type: string is not a percentage");
        }

        var scaled = (double)percent * total / 100;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }
}
