using System.Net;
using Amazon.Runtime;

namespace WindowsNodeOperator.Aws.AutoScaling.Errors;

/// <summary>An error answer from Auto Scaling; subclasses name the codes callers act on.</summary>
internal class AutoScalingServiceException(
    string message, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, null, errorType, errorCode, requestId, statusCode);
