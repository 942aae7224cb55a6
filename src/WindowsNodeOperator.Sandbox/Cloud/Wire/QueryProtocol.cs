using System.Xml.Linq;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The AWS Query protocol's answers (Auto Scaling): <c>&lt;OpResponse&gt;&lt;OpResult&gt;...&lt;/OpResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;</c>,
/// lists as <c>&lt;member&gt;</c>, errors as <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/CommonErrors.html
/// </summary>
internal static class QueryProtocol
{
    public const string ContentType = "text/xml";

    public static readonly XNamespace Ns = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    /// <summary>An element in the Auto Scaling namespace; null children are left out.</summary>
    public static XElement E(string name, params object?[] content) => new(Ns + name, content.Where(c => c is not null));

    /// <summary>An element only when there is a value.</summary>
    public static XElement? Opt(string name, object? value) => value is null ? null : E(name, value);

    /// <summary>A Query list: <c>&lt;Name&gt;&lt;member&gt;...&lt;/member&gt;&lt;/Name&gt;</c>.</summary>
    public static XElement Members(string name, IEnumerable<object?> items) => E(name, items.Select(i => E("member", i)));

    public static WireResponse Ok(string action, IEnumerable<XElement> result)
    {
        var requestId = WireFormat.NewRequestId();
        var root = E(
            action + "Response",
            E(action + "Result", result),
            E("ResponseMetadata", E("RequestId", requestId)));
        return new WireResponse(200, ContentType, WireFormat.Xml(root), requestId);
    }

    public static WireResponse Error(string code, int statusCode, string message)
    {
        var requestId = WireFormat.NewRequestId();
        var root = E(
            "ErrorResponse",
            E("Error", E("Type", statusCode >= 500 ? "Receiver" : "Sender"), E("Code", code), E("Message", message)),
            E("RequestId", requestId));
        return new WireResponse(statusCode, ContentType, WireFormat.Xml(root), requestId);
    }
}
