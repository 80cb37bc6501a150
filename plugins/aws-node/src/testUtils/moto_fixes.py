"""moto_server with corrections where moto 5.2.5 departs from AWS's documented
behaviour, for the tests that ask for them (startMotoServer({ fixes })).
Each fix names what moto does and what AWS does; nothing else changes.

kms-key-tags: moto's CloudFormation reads AWS::KMS::Key Tags in the KMS API's
shape (TagKey/TagValue) and fails on CloudFormation's documented shape
(Key/Value), so any tagged key in a template fails the stack. The fix hands
moto the tags in the shape it reads.
"""
import sys

from moto.kms.models import Key
from moto.server import main


def kms_key_tags() -> None:
    create = Key.create_from_cloudformation_json.__func__

    def create_with_cfn_tags(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        properties["Tags"] = [
            {"TagKey": t.get("Key", t.get("TagKey")), "TagValue": t.get("Value", t.get("TagValue"))}
            for t in properties.get("Tags", [])
        ]
        return create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    Key.create_from_cloudformation_json = classmethod(create_with_cfn_tags)


FIXES = {"kms-key-tags": kms_key_tags}

if __name__ == "__main__":
    names = sys.argv[1].split(",") if len(sys.argv) > 1 and sys.argv[1] else []
    for name in names:
        FIXES[name]()
    sys.argv = [sys.argv[0], *sys.argv[2:]]
    main()
