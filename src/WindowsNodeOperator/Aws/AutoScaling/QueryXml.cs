using System.Globalization;
using System.Xml.Linq;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Reads Query protocol XML by local name, so the service namespace never gets in the way.</summary>
internal static class QueryXml
{
    public static XElement? Child(this XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Text(this XElement? element, string name) => element.Child(name)?.Value;

    /// <summary>The text of an optional element, with an empty element read as absent.</summary>
    public static string? Optional(this XElement? element, string name) =>
        element.Text(name) is { Length: > 0 } text ? text : null;

    public static string Required(this XElement element, string name) =>
        element.Text(name) ?? throw new FormatException($"<{element.Name.LocalName}> has no <{name}>.");

    public static int? Int(this XElement? element, string name) =>
        element.Text(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public static bool? Bool(this XElement? element, string name) =>
        element.Text(name) is { } text ? bool.Parse(text) : null;

    public static DateTimeOffset? Time(this XElement? element, string name) =>
        element.Text(name) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    /// <summary>The <c>&lt;member&gt;</c> items of a list element; none when the list is absent.</summary>
    public static IEnumerable<XElement> Members(this XElement? element, string listName) =>
        element.Child(listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];
}
