-- brute-force protection counts failures per user name and per client address
alter table login_attempts add column ip text;
create index login_attempts_ip_idx on login_attempts (ip, attempted_at);
