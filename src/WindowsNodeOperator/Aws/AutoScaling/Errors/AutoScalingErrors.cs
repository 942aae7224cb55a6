using System.Net;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

/// <summary>Maps a Query protocol error response to the exception for its code.</summary>
internal static class AutoScalingErrors
{
    public static AmazonServiceException FromResponse(HttpStatusCode status, string body)
    {
        var error = TryParse(body);
        var root = error?.Document?.Root;
        var code = error.Text("Code");
        var message = error.Text("Message") ?? $"Auto Scaling answered {(int)status} {status}.";
        var requestId = root.Text("RequestId") ?? root.Text("RequestID");
        var type = error.Text("Type") switch
        {
            "Sender" => ErrorType.Sender,
            "Receiver" => ErrorType.Receiver,
            _ => (int)status >= 500 ? ErrorType.Receiver : ErrorType.Unknown,
        };
        return Create(code ?? status.ToString(), message, type, requestId, status);
    }

    public static AmazonServiceException Create(
        string code, string message, ErrorType type, string? requestId, HttpStatusCode status) => code switch
    {
        "Throttling" => new ThrottlingException(message, type, requestId, status),
        "InstanceRefreshInProgress" => new InstanceRefreshInProgressException(message, requestId, status),
        "ActiveInstanceRefreshNotFound" => new ActiveInstanceRefreshNotFoundException(message, type, requestId, status),
        "ValidationError" => new ValidationException(message, type, requestId, status),
        "ResourceContention" => new ResourceContentionException(message, type, requestId, status),
        "ScalingActivityInProgress" => new ScalingActivityInProgressException(message, type, requestId, status),
        "LimitExceeded" => new LimitExceededException(message, type, requestId, status),
        "ServiceLinkedRoleFailure" => new ServiceLinkedRoleFailureException(message, type, requestId, status),
        "IrreversibleInstanceRefresh" => new IrreversibleInstanceRefreshException(message, type, requestId, status),
        _ => new AutoScalingServiceException(message, type, code, requestId, status),
    };

    private static XElement? TryParse(string body)
    {
        try
        {
            var root = XDocument.Parse(body).Root;
            return root?.Name.LocalName == "ErrorResponse" ? root.Child("Error") : root?.Name.LocalName == "Error" ? root : null;
        }
        catch (XmlException)
        {
            // Load balancers and proxies answer in HTML; the status code is then all there is to go on.
            return null;
        }
    }
}
