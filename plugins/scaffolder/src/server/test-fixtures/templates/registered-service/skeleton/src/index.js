console.log('${{ values.name }} is running');
