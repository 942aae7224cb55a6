"""Drives every operation the simulated AWS account serves through boto3 and prints what it read as JSON.

Usage: python3 boto3_wire_check.py ENDPOINT INPUT_JSON
botocore must parse every answer; an unexpected error fails the run (exit code 1).
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def iso(value):
    return value.isoformat()


def error_code(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


def main():
    endpoint, given = sys.argv[1], json.loads(sys.argv[2])
    config = Config(retries={"total_max_attempts": 1}, region_name="us-west-2")
    kwargs = dict(endpoint_url=endpoint, aws_access_key_id="AKID", aws_secret_access_key="secret", config=config)
    ssm, ec2, asg = (boto3.client(name, **kwargs) for name in ("ssm", "ec2", "autoscaling"))
    out = {}
    parameter = given["parameter"]

    # SSM (JSON 1.1)
    r = ssm.get_parameters(Names=[parameter, "/not/there"])
    out["getParameters"] = {
        "values": [p["Value"] for p in r["Parameters"]],
        "versions": [p["Version"] for p in r["Parameters"]],
        "modified": [iso(p["LastModifiedDate"]) for p in r["Parameters"]],
        "invalid": r["InvalidParameters"],
    }
    p = ssm.get_parameter(Name=parameter)["Parameter"]
    out["getParameter"] = {"value": p["Value"], "version": p["Version"], "arn": p["ARN"]}
    history, token, pages = [], None, 0
    while True:
        r = ssm.get_parameter_history(Name=parameter, MaxResults=2, **({"NextToken": token} if token else {}))
        history += [h["Value"] for h in r["Parameters"]]
        pages += 1
        token = r.get("NextToken")
        if not token:
            break
    out["getParameterHistory"] = {"values": history, "pages": pages}
    out["ssmError"] = error_code(lambda: ssm.get_parameter(Name="/not/there"))

    # EC2 (EC2 query protocol)
    ids, pages = [], 0
    for page in ec2.get_paginator("describe_instances").paginate(
        Filters=[
            {"Name": "tag:aws:autoscaling:groupName", "Values": [given["groupA"]]},
            {"Name": "instance-state-name", "Values": ["pending", "running"]},
        ],
        PaginationConfig={"PageSize": 5},
    ):
        pages += 1
        ids += [i["InstanceId"] for res in page["Reservations"] for i in res["Instances"]]
    out["describeInstances"] = {"ids": ids, "pages": pages}
    i = ec2.describe_instances(InstanceIds=[given["instanceId"]])["Reservations"][0]["Instances"][0]
    out["instance"] = {
        "id": i["InstanceId"], "imageId": i["ImageId"], "type": i["InstanceType"], "state": i["State"]["Name"],
        "stateCode": i["State"]["Code"], "zone": i["Placement"]["AvailabilityZone"], "launchTime": iso(i["LaunchTime"]),
        "attachTime": iso(i["NetworkInterfaces"][0]["Attachment"]["AttachTime"]), "privateDnsName": i["PrivateDnsName"],
        "privateIp": i["PrivateIpAddress"], "platform": i.get("Platform"), "tags": {t["Key"]: t["Value"] for t in i["Tags"]},
    }
    images = ec2.describe_images(Filters=[{"Name": "image-id", "Values": given["imageIds"] + ["ami-00000000000000000"]}], IncludeDeprecated=True)["Images"]
    out["describeImages"] = [{"id": m["ImageId"], "name": m["Name"], "created": m["CreationDate"], "platform": m.get("Platform")} for m in images]
    v = ec2.describe_launch_template_versions(LaunchTemplateId=given["templateId"], Versions=["$Latest"], ResolveAlias=True)["LaunchTemplateVersions"][0]
    out["describeLaunchTemplateVersions"] = {"version": v["VersionNumber"], "imageId": v["LaunchTemplateData"]["ImageId"], "default": v["DefaultVersion"]}
    created = [
        ec2.create_launch_template_version(
            LaunchTemplateId=given["templateId"], SourceVersion="1", VersionDescription="wire check",
            LaunchTemplateData={"ImageId": given["newImageId"]}, ClientToken="wire-check-1",
        )["LaunchTemplateVersion"]
        for _ in range(2)
    ]
    out["createLaunchTemplateVersion"] = {"versions": [c["VersionNumber"] for c in created], "imageId": created[0]["LaunchTemplateData"]["ImageId"]}
    out["ec2Errors"] = {
        "template": error_code(lambda: ec2.describe_launch_template_versions(LaunchTemplateId="lt-00000000000000000", Versions=["1"])),
        "instance": error_code(lambda: ec2.describe_instances(InstanceIds=["i-00000000000000000"])),
    }

    # Auto Scaling (AWS Query protocol)
    groups = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[given["groupA"], given["groupB"]])["AutoScalingGroups"]
    out["describeGroups"] = [{
        "name": g["AutoScalingGroupName"], "desired": g["DesiredCapacity"], "min": g["MinSize"], "max": g["MaxSize"],
        "template": g["LaunchTemplate"], "instances": [x["InstanceId"] for x in g["Instances"]],
        "states": sorted({x["LifecycleState"] for x in g["Instances"]}), "tags": {t["Key"]: t["Value"] for t in g["Tags"]},
    } for g in groups]
    names, pages = [], 0
    for page in asg.get_paginator("describe_auto_scaling_groups").paginate(
        Filters=[{"Name": "tag:windowsnode.io/managed", "Values": ["true"]}], PaginationConfig={"PageSize": 1}
    ):
        pages += 1
        names += [g["AutoScalingGroupName"] for g in page["AutoScalingGroups"]]
    out["describeGroupsByTag"] = {"names": names, "pages": pages}

    legacy, hook = given["legacyGroup"], "wire-drain"
    asg.put_lifecycle_hook(LifecycleHookName=hook, AutoScalingGroupName=legacy, LifecycleTransition="autoscaling:EC2_INSTANCE_TERMINATING",
                           HeartbeatTimeout=300, DefaultResult="CONTINUE")
    hooks = asg.describe_lifecycle_hooks(AutoScalingGroupName=legacy)["LifecycleHooks"]
    out["describeLifecycleHooks"] = [{"name": h["LifecycleHookName"], "transition": h["LifecycleTransition"],
                                      "heartbeat": h["HeartbeatTimeout"], "global": h["GlobalTimeout"], "default": h["DefaultResult"]} for h in hooks]
    activity = asg.terminate_instance_in_auto_scaling_group(InstanceId=given["legacyInstanceId"], ShouldDecrementDesiredCapacity=False)["Activity"]
    out["terminate"] = {"id": activity["ActivityId"], "status": activity["StatusCode"], "description": activity["Description"], "start": iso(activity["StartTime"])}
    asg.record_lifecycle_action_heartbeat(LifecycleHookName=hook, AutoScalingGroupName=legacy, InstanceId=given["legacyInstanceId"])
    asg.complete_lifecycle_action(LifecycleHookName=hook, AutoScalingGroupName=legacy, InstanceId=given["legacyInstanceId"], LifecycleActionResult="CONTINUE")
    asg.delete_lifecycle_hook(LifecycleHookName=hook, AutoScalingGroupName=legacy)
    out["hooksAfterDelete"] = len(asg.describe_lifecycle_hooks(AutoScalingGroupName=legacy)["LifecycleHooks"])
    activities = asg.describe_scaling_activities(AutoScalingGroupName=legacy)["Activities"]
    out["describeScalingActivities"] = [{"id": a["ActivityId"], "description": a["Description"], "status": a["StatusCode"]} for a in activities]

    def start(group):
        return asg.start_instance_refresh(
            AutoScalingGroupName=group, Strategy="Rolling",
            DesiredConfiguration={"LaunchTemplate": {"LaunchTemplateId": given["templateId"], "Version": str(created[0]["VersionNumber"])}},
            Preferences={"MinHealthyPercentage": 80, "MaxHealthyPercentage": 120, "InstanceWarmup": 60, "SkipMatching": True,
                         "CheckpointPercentages": [50, 100], "CheckpointDelay": 600, "AutoRollback": False,
                         "ScaleInProtectedInstances": "Ignore", "StandbyInstances": "Ignore"},
        )["InstanceRefreshId"]

    refresh_a = start(given["groupA"])
    out["refreshInProgress"] = error_code(lambda: start(given["groupA"]))
    r = asg.describe_instance_refreshes(AutoScalingGroupName=given["groupA"], InstanceRefreshIds=[refresh_a])["InstanceRefreshes"][0]
    out["describeInstanceRefreshes"] = {
        "id": r["InstanceRefreshId"], "status": r["Status"], "start": iso(r["StartTime"]), "toUpdate": r["InstancesToUpdate"],
        "preferences": {k: r["Preferences"][k] for k in ("MinHealthyPercentage", "MaxHealthyPercentage", "InstanceWarmup", "SkipMatching", "CheckpointPercentages", "CheckpointDelay")},
        "desired": r["DesiredConfiguration"]["LaunchTemplate"],
    }
    out["cancel"] = {"started": refresh_a, "cancelled": asg.cancel_instance_refresh(AutoScalingGroupName=given["groupA"])["InstanceRefreshId"]}
    refresh_b = start(given["groupB"])
    out["rollback"] = {"started": refresh_b, "rolledBack": asg.rollback_instance_refresh(AutoScalingGroupName=given["groupB"])["InstanceRefreshId"]}
    out["autoScalingError"] = error_code(lambda: asg.describe_lifecycle_hooks(AutoScalingGroupName="no-such-group"))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
