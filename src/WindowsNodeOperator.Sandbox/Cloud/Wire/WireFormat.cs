using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>Timestamps, numbers and documents as AWS writes them on the wire.</summary>
internal static class WireFormat
{
    /// <summary>ISO 8601 with milliseconds in UTC, as the XML protocols write timestamps: <c>2026-12-07T08:00:00.000Z</c>.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Epoch seconds with a fraction, as JSON protocols write timestamps.</summary>
    public static double EpochSeconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static byte[] Xml(XElement root) =>
        Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting));

    public static string NewRequestId() => Guid.NewGuid().ToString();
}
