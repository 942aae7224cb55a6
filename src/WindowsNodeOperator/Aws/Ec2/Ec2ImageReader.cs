using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Aws.Ec2;

/// <summary>Names, creation and deprecation dates of images, in batches.</summary>
internal sealed class Ec2ImageReader(IAmazonEC2 ec2, IAwsCallPipeline pipeline)
{
    /// <summary>The images EC2 knows among <paramref name="imageIds"/>; unknown ids are simply absent.</summary>
    public async Task<IReadOnlyDictionary<string, ImageFacts>> DescribeAsync(IEnumerable<string> imageIds, CancellationToken ct)
    {
        var found = new Dictionary<string, ImageFacts>(StringComparer.Ordinal);
        foreach (var chunk in imageIds.Distinct(StringComparer.Ordinal).Chunk(Ec2Limits.FilterValues))
        {
            string? token = null;
            do
            {
                // An image-id filter, not ImageIds: ImageIds fails the whole call on one unknown or deregistered id.
                var request = new DescribeImagesRequest
                {
                    Filters = [new Filter("image-id", [.. chunk])],
                    IncludeDeprecated = true,
                    MaxResults = Ec2Limits.PageSize,
                    NextToken = token,
                };
                var response = await pipeline.ExecuteAsync(
                    AwsServices.Ec2, "DescribeImages", safeToRepeat: true, c => ec2.DescribeImagesAsync(request, c), ct);
                foreach (var image in response.Images ?? [])
                {
                    found[image.ImageId] = new ImageFacts(
                        image.ImageId, image.Name, ParseCreationDate(image.CreationDate), ParseCreationDate(image.DeprecationTime), image.State?.Value, image.Public);
                }

                token = response.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        return found;
    }

    private static DateTimeOffset? ParseCreationDate(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
