using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Moq;

namespace WindowsNodeOperator.Tests.Aws.Ssm;

/// <summary>Mocked SSM and EC2 clients answering GetParameters and DescribeImages from dictionaries, recording each request.</summary>
internal sealed class FakeAmiSource
{
    public FakeAmiSource()
    {
        Ssm.Setup(s => s.GetParametersAsync(It.IsAny<GetParametersRequest>(), It.IsAny<CancellationToken>()))
            .Returns<GetParametersRequest, CancellationToken>((request, _) =>
            {
                lock (ParameterRequests)
                {
                    ParameterRequests.Add(request);
                }

                return Gate?.Task.ContinueWith(_ => Answer(request), TaskScheduler.Default) ?? Task.FromResult(Answer(request));
            });
        Ec2.Setup(e => e.DescribeImagesAsync(It.IsAny<DescribeImagesRequest>(), It.IsAny<CancellationToken>()))
            .Returns<DescribeImagesRequest, CancellationToken>((request, _) =>
            {
                lock (ImageRequests)
                {
                    ImageRequests.Add(request);
                }

                var ids = request.Filters.Single(f => f.Name == "image-id").Values;
                return Task.FromResult(new DescribeImagesResponse
                {
                    Images = [.. Images.Where(i => ids.Contains(i.ImageId))],
                });
            });
    }

    public Mock<IAmazonSimpleSystemsManagement> Ssm { get; } = new(MockBehavior.Strict);

    public Mock<IAmazonEC2> Ec2 { get; } = new(MockBehavior.Strict);

    public Dictionary<string, string> Parameters { get; } = [];

    public List<Image> Images { get; } = [];

    public List<GetParametersRequest> ParameterRequests { get; } = [];

    public List<DescribeImagesRequest> ImageRequests { get; } = [];

    /// <summary>When set, GetParameters answers only once this completes.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, GetParameters throws it instead of answering.</summary>
    public Exception? Failure { get; set; }

    public void AddAmi(string parameter, string imageId, string name, string creationDate)
    {
        Parameters[parameter] = imageId;
        Images.Add(new Image { ImageId = imageId, Name = name, CreationDate = creationDate });
    }

    private GetParametersResponse Answer(GetParametersRequest request)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        return new GetParametersResponse
        {
            Parameters = [.. request.Names.Where(Parameters.ContainsKey).Select(n => new Parameter { Name = n, Value = Parameters[n], Type = ParameterType.String })],
            InvalidParameters = [.. request.Names.Where(n => !Parameters.ContainsKey(n))],
        };
    }
}
