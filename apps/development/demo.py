def seed_development(production, people, size):
    pass
