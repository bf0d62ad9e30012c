#!/bin/sh
# Starts the Postfix relay of deploy/postfix/ in a container: the settings that depend on where it
# runs come from the environment, the rest is main.cf as shipped.
#   RELAY_HOSTNAME       the relay's name in EHLO (its public name, with reverse DNS)
#   RELAY_MYNETWORKS     who may relay: the Renraku nodes' addresses
#   RELAY_TRIAL_NEXTHOP  for a trial, e.g. [catcher]:1025: every message, carriers included, goes
#                        there and nothing leaves; unset in production
set -eu

postconf -e "myhostname = ${RELAY_HOSTNAME:-relay.city.example.jp}" \
            "mynetworks = ${RELAY_MYNETWORKS:?set the Renraku nodes addresses}" \
            "maillog_file = /dev/stdout"
# In a container the chroot jail of Debian's packaging is not set up (no resolv.conf in it).
postconf -F '*/*/chroot = n'

# A certificate for STARTTLS from the nodes: the one mounted at /etc/postfix/tls, or a throwaway.
if [ ! -s /etc/postfix/tls/relay.crt ]; then
  mkdir -p /etc/postfix/tls
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=${RELAY_HOSTNAME:-relay.city.example.jp}" \
    -keyout /etc/postfix/tls/relay.key -out /etc/postfix/tls/relay.crt 2>/dev/null
fi

if [ -n "${RELAY_TRIAL_NEXTHOP:-}" ]; then
  # Same transports (and so the same per-carrier limits), another next hop: the catcher.
  sed -E "s/^([^#[:space:]]+)[[:space:]]+([a-z]+):.*$/\1 \2:${RELAY_TRIAL_NEXTHOP}/" \
    /etc/postfix/transport > /etc/postfix/transport.trial
  postconf -e "transport_maps = hash:/etc/postfix/transport.trial" "relayhost = ${RELAY_TRIAL_NEXTHOP}" \
              "smtp_tls_security_level = none"
  postmap /etc/postfix/transport.trial
fi
postmap /etc/postfix/transport /etc/postfix/virtual

postfix check
exec postfix start-fg
