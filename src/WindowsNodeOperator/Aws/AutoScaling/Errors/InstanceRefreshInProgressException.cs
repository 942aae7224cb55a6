using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

/// <summary>The group already has an instance refresh running: an answer, not a failure.</summary>
internal sealed class InstanceRefreshInProgressException(string message, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, null, ErrorType.Sender, "InstanceRefreshInProgress", requestId, statusCode);
