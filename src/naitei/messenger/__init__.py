"""The honest decline service (issue 19): a messenger (使者) that conveys a client's own decline.

- ``guardrail``: the 非弁 rule set (data/guardrail.toml) that blocks a message going beyond
  conveying the client's intent (弁護士法72条), and the lawyer-referral text;
- ``service``: who the service is (its name, the staff member, how to reach it);
- ``compose``: the messenger's decline email and phone script, in the client's own words;
- ``authorisation``: the 委任状 (text and PDF) and the record of the client's confirmation;
- ``replies``: what a company's reply says, and whether it needs a lawyer;
- ``request``: a request's state per company (drafted, approved, sent, answered, closed);
- ``report``: the dashboard summary and a CSV without sensitive fields.

All of it is core: no I/O, time passed in.
"""
