using System.Xml.Linq;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The EC2 protocol's answers: <c>&lt;OpResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"&gt;&lt;requestId/&gt;...</c>, and errors as
/// <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;</c>.
/// https://docs.aws.amazon.com/ec2/latest/devguide/errors-overview.html#api-error-response
/// </summary>
internal static class Ec2Protocol
{
    public const string ApiVersion = "2016-11-15";
    public const string ContentType = "text/xml;charset=UTF-8";

    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    /// <summary>An element in the EC2 namespace; null children are left out.</summary>
    public static XElement E(string name, params object?[] content) => new(Ns + name, content.Where(c => c is not null));

    /// <summary>An EC2 list: <c>&lt;xSet&gt;&lt;item&gt;...&lt;/item&gt;&lt;/xSet&gt;</c>.</summary>
    public static XElement Set(string name, IEnumerable<IEnumerable<object?>> items) => E(name, items.Select(i => E("item", [.. i])));

    public static WireResponse Ok(string action, IEnumerable<XElement> content)
    {
        var requestId = WireFormat.NewRequestId();
        var root = E(action + "Response", E("requestId", requestId), content);
        return new WireResponse(200, ContentType, WireFormat.Xml(root), requestId);
    }

    public static WireResponse Error(string code, int statusCode, string message)
    {
        var requestId = WireFormat.NewRequestId();
        var root = new XElement(
            "Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", requestId));
        return new WireResponse(statusCode, ContentType, WireFormat.Xml(root), requestId);
    }
}
